// The tools the end-to-end tests call, by path. `make` installs uv where a fresh machine's PATH does not
// reach (~/.local/bin) and exports the path it resolved as CWM_UV; nothing here may count on PATH holding it.
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join } from 'node:path';

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** uv: `make`'s CWM_UV, uv's own UV (set inside `uv run`), where `make install-python` puts it, then PATH. */
export function uvPath(env = process.env) {
  const candidates = [env.CWM_UV, env.UV, join(homedir(), '.local', 'bin', 'uv')];
  for (const dir of (env.PATH ?? '').split(delimiter)) if (isAbsolute(dir)) candidates.push(join(dir, 'uv'));
  const found = candidates.find((path) => path && isAbsolute(path) && executable(path));
  if (!found) throw new Error('uv not found: run `make install` (it installs uv into ~/.local/bin) or set CWM_UV to its path');
  return found;
}

/** Debian's Chromium (`make install-browser`), or CHROMIUM_PATH. */
export function chromiumPath(env = process.env) {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** npm as `node <npm-cli.js>`: the one running us (npm_execpath), else the npm installed beside this node. */
export function npmCommand(env = process.env) {
  const cli = env.npm_execpath && /npm-cli\.js$/.test(env.npm_execpath) ? env.npm_execpath : null;
  if (cli) return [process.execPath, [cli]];
  const besideNode = join(dirname(process.execPath), 'npm');
  return [executable(besideNode) ? besideNode : 'npm', []];
}
