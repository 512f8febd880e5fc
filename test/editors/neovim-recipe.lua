-- Headless Neovim with docs/recipes/neovim.lua loaded as a user's init.lua would load it
-- (test/editors/neovim.test.ts): `strata` is found on PATH; writes what it saw as JSON.
local out = os.getenv('STRATA_OUT')
local result = {}
dofile(os.getenv('STRATA_RECIPE'))

-- After startup, as for a user: only then are filetype detection and its autocommands on.
local function run()
  vim.cmd('edit ' .. os.getenv('STRATA_FILE'))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  result.got_diagnostics = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20)
  result.codes = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.codes, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code))
  end
  -- The recipe refreshes the lenses on BufEnter once the server is attached.
  vim.cmd('doautocmd BufEnter')
  result.got_lenses = vim.wait(15000, function() return #vim.lsp.codelens.get(bufnr) > 0 end, 20)
  result.show_references = type(vim.lsp.commands['strata.showReferences']) == 'function'
  result.errmsg = vim.v.errmsg
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true, -- so that :edit fires filetype detection and the recipe's FileType autocommand
  callback = function()
    local ok, err = pcall(run)
    if not ok then result.error = tostring(err) end
    vim.fn.writefile({ vim.fn.json_encode(result) }, out)
    vim.cmd('qall!')
  end,
})
