// Generators run wherever the core runs (Node, a browser worker): the same globals only.
/// <reference path="../server/src/core/platform.d.ts" />
