-- Headless Neovim as the benchmark's editor (bench/shapes-bench.ts): starts `strata lsp --stdio` on a
-- workspace, opens one file, times the first diagnostics published and then each edit (one ref toggled
-- between its target and a missing name) until Neovim has the new diagnostics. Writes JSON.
local here = debug.getinfo(1, 'S').source:sub(2):match('(.*/)')
local strata = dofile(here .. '../test/editors/headless-client.lua')
local good = os.getenv('STRATA_GOOD')
local bad = os.getenv('STRATA_BAD')
local edits = tonumber(os.getenv('STRATA_EDITS') or '10')
local result = { edits = {} }
local function ms(since) return (vim.loop.hrtime() - since) / 1e6 end

strata.run(os.getenv('STRATA_FILE'), result, function(bufnr)
  local changed = 0
  vim.api.nvim_create_autocmd('DiagnosticChanged', { buffer = bufnr, callback = function() changed = changed + 1 end })
  -- The first publish of any file: a file without findings gets none, so the buffer's own diagnostics may never come.
  local published = false
  local default = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(...)
    published = true
    return default(...)
  end
  local t0 = vim.loop.hrtime()
  local id = strata.start(bufnr, { debounce_text_changes = 0 })
  if not vim.wait(600000, function() return published end, 1) then error('no diagnostics within 600 s') end
  result.first_ms = ms(t0)
  -- Let the start settle (publishes of other files) before timing edits.
  vim.wait(1000, function() return false end, 10)
  local lnum
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(good, 1, true) and line:sub(-#good) == good then lnum = i - 1 break end
  end
  if not lnum then error('ref line not found') end
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
  local prefix = line:sub(1, #line - #good)
  for i = 1, edits do
    local before = changed
    local t = vim.loop.hrtime()
    vim.api.nvim_buf_set_lines(bufnr, lnum, lnum + 1, false, { prefix .. (i % 2 == 1 and bad or good) })
    if not vim.wait(30000, function() return changed > before end, 1) then error('no diagnostics after edit ' .. i) end
    table.insert(result.edits, ms(t))
    vim.wait(100, function() return false end, 10)
  end
  vim.lsp.get_client_by_id(id).stop()
end)
