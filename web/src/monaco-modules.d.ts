// monaco-editor ships no declarations for its entry that bundles the editor features.
declare module 'monaco-editor/esm/vs/editor/edcore.main.js';
