// Public API of @pipecraft/kubernetes. Re-exports only; each concept lives in its own file.
