-- What the headless Neovim scripts share (test/editors/neovim-init.lua, bench/neovim-bench.lua):
-- the workspace they are given (STRATA_ROOT), starting `strata lsp --stdio` (STRATA_NODE,
-- STRATA_CLI) and writing what they saw as JSON to STRATA_OUT. Loaded with dofile.
local M = { root = os.getenv('STRATA_ROOT') }

--- Opens `path` (relative to the root) and runs `body(bufnr)`; then writes `result`, with
--- `result.error` when `body` failed, and quits.
function M.run(path, result, body)
  local ok, err = pcall(function()
    vim.cmd('edit ' .. M.root .. '/' .. path)
    body(vim.api.nvim_get_current_buf())
  end)
  if not ok then result.error = tostring(err) end
  vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv('STRATA_OUT'))
  vim.cmd('qall!')
end

--- Starts the server on the root with the client `flags`, attached to `bufnr`; returns the client id.
function M.start(bufnr, flags)
  local id = vim.lsp.start_client({
    name = 'strata',
    cmd = { os.getenv('STRATA_NODE'), os.getenv('STRATA_CLI'), 'lsp', '--stdio' },
    root_dir = M.root,
    flags = flags,
  })
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

return M
