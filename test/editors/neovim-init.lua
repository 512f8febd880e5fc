-- Headless Neovim as an LSP client of `strata lsp --stdio` (test/editors/neovim.test.ts).
-- Uses vim.lsp.start_client, which every Neovim since 0.5 has; writes what it saw as JSON.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
local strata = dofile(here .. 'headless-client.lua')
local result = {}

strata.run('topology/L5-application/services/svc-dns.yaml', result, function(bufnr)
  local id = strata.start(bufnr)
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
