export async function runLint(..._a: unknown[]): Promise<void> {}
export async function runUndo(..._a: unknown[]): Promise<void> {}
export async function runCompletion(..._a: unknown[]): Promise<void> {}
export async function runComplete(..._a: unknown[]): Promise<void> {}
