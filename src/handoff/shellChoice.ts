import vscode = require('vscode');
import { isShell, SHELLS, shellOfProgram, type Shell } from '../core';
import { handoff as messages, pick } from '../feedback/messages';

/** The shell last chosen for a cURL command, in globalState: a plain choice, nothing secret. */
export const LAST_CURL_SHELL_KEY = 'quickblox.curlShell';

/**
 * The program that starts a cURL command for `shell`. Windows PowerShell 5.1 reads `curl` as its
 * alias for Invoke-WebRequest, so on Windows PowerShell gets `curl.exe`; elsewhere `curl.exe` does
 * not exist. The extension host's platform is where VS Code's terminals run, remote windows
 * included; a command pasted into a terminal on another computer may need the other name.
 */
export function curlProgram(shell: Shell): string {
  return shell === 'powershell' && process.platform === 'win32' ? 'curl.exe' : 'curl';
}

/**
 * Asks which shell a command is for, with the last choice active (else the shell of VS Code's
 * terminal), and remembers the answer. Undefined when the person presses Escape.
 */
export async function pickShell(state: vscode.Memento): Promise<Shell | undefined> {
  const remembered = state.get<unknown>(LAST_CURL_SHELL_KEY);
  const preferred = isShell(remembered) ? remembered : shellOfProgram(vscode.env.shell);
  const picker = vscode.window.createQuickPick<vscode.QuickPickItem & { shell: Shell }>();
  picker.title = pick.title();
  picker.placeholder = messages.whichShell();
  picker.items = SHELLS.map((shell) => ({ label: messages.shellLabel(shell), shell }));
  picker.activeItems = picker.items.filter((item) => item.shell === preferred);
  const chosen = await new Promise<Shell | undefined>((resolve) => {
    picker.onDidAccept(() => resolve((picker.selectedItems[0] ?? picker.activeItems[0])?.shell));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (chosen) await state.update(LAST_CURL_SHELL_KEY, chosen);
  return chosen;
}
