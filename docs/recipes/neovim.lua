-- Strata in Neovim: put in init.lua (or a file it requires). `strata` is the CLI of the
-- strata-lsp package, on PATH after `npm i -g strata-lsp` (or give the path of
-- node_modules/.bin/strata in `cmd`).
local cmd = { 'strata', 'lsp', '--stdio' }
local markers = { '.strata.yaml', 'topology.yaml' }

if vim.lsp.config then
  -- Neovim 0.11 and later.
  vim.lsp.config('strata', {
    cmd = cmd,
    filetypes = { 'yaml' },
    root_markers = markers,
    settings = { strata = { rules = {}, generate = { onSave = false } } },
  })
  vim.lsp.enable('strata')
else
  -- Neovim 0.5 to 0.10: one client per root, attached to each YAML buffer below it.
  local clients = {}
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'yaml',
    callback = function(args)
      local found = vim.fs and vim.fs.find(markers, { upward = true, path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)) })[1]
      local root = found and vim.fs.dirname(found) or vim.fn.getcwd()
      if not (clients[root] and vim.lsp.get_client_by_id(clients[root])) then
        clients[root] = vim.lsp.start_client({ name = 'strata', cmd = cmd, root_dir = root, settings = { strata = { rules = {} } } })
      end
      if clients[root] then vim.lsp.buf_attach_client(args.buf, clients[root]) end
    end,
  })
end

local function attached(bufnr)
  if vim.lsp.get_clients then return #vim.lsp.get_clients({ bufnr = bufnr, name = 'strata' }) > 0 end
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'strata' then return true end
  end
  return false
end

-- "N references" lenses: show the locations in the quickfix list.
vim.lsp.commands['strata.showReferences'] = function(command)
  local items = vim.lsp.util.locations_to_items(command.arguments[3], 'utf-16')
  vim.fn.setqflist({}, ' ', { title = 'References', items = items })
  vim.cmd('copen')
end
vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave' }, {
  pattern = '*.yaml',
  callback = function(args)
    if attached(args.buf) then vim.lsp.codelens.refresh() end
  end,
})
