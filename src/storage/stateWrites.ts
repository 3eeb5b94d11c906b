/**
 * Waits for globalState writes that were all issued in the same tick, so VS Code saves them in
 * one go. VS Code saves a window's whole globalState at once, and replaces the window's copy with
 * every save it hears back: writes that belong together, spread over several saves, could be seen
 * half done or partly undone.
 */
export async function together(writes: Array<Thenable<void>>): Promise<void> {
  await Promise.all(writes);
}
