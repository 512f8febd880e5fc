-- Headless Neovim as an LSP client of `strata lsp --stdio` (test/editors/neovim.test.ts).
-- Uses vim.lsp.start_client, which every Neovim since 0.5 has; writes what it saw as JSON.
local root = os.getenv('STRATA_ROOT')
local out = os.getenv('STRATA_OUT')
local file = root .. '/topology/L5-application/services/svc-dns.yaml'
local result = {}

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. file)
  local bufnr = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'strata',
    cmd = { os.getenv('STRATA_NODE'), os.getenv('STRATA_CLI'), 'lsp', '--stdio' },
    root_dir = root,
  })
  vim.lsp.buf_attach_client(bufnr, id)
  -- Wait for the event (diagnostics arriving), bounded so a broken server fails the test.
  result.got_diagnostics = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code), lnum = d.lnum, col = d.col })
  end
  local client = vim.lsp.get_client_by_id(id)
  local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 4, character = 16 } }
  local response = client.request_sync('textDocument/definition', params, 10000, bufnr)
  result.definition = response and response.result or vim.NIL
  client.stop()
end)
if not ok then result.error = tostring(err) end
finish()
