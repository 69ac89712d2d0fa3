/**
 * A private Dovecot IMAP server for the e2e tests: its own configuration, passwd file and
 * maildirs under a temporary directory, listening on 127.0.0.1 and a free port, plain
 * passwords over loopback, no TLS. Works as root (mail stored as the unprivileged `nobody`
 * or the `dovecot` user) and as a normal user (everything runs as that user).
 * Dovecot comes from Debian (`apt-get install dovecot-imapd`, done by .ci/run); when it is
 * missing, `startDovecot` throws so that the tests fail instead of skipping silently.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const DOVECOT_BINARY = '/usr/sbin/dovecot';

export type DovecotUser = { user: string; password: string };

export type Dovecot = {
  host: string;
  port: number;
  users: DovecotUser[];
  /** Everything Dovecot logged so far, for failure messages. */
  log(): string;
  stop(): Promise<void>;
};

/** A loopback port that was free a moment ago (for servers that cannot listen on port 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function uidOf(name: string): { uid: number; gid: number } | null {
  const result = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (result.status !== 0 || group.status !== 0) return null;
  return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
}

async function greets(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let data = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      data += chunk.toString();
      if (data.includes('\n')) done(data.startsWith('* OK'));
    });
    socket.connect(port, '127.0.0.1');
  });
}

export async function startDovecot(users: DovecotUser[]): Promise<Dovecot> {
  if (!existsSync(DOVECOT_BINARY)) {
    throw new Error(
      `Dovecot is not installed (${DOVECOT_BINARY} is missing): the IMAP tests need it. ` +
        'Install it with `apt-get install dovecot-imapd` (.ci/run does this in CI).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-dovecot-'));
  const isRoot = process.getuid?.() === 0;
  // As root, mail belongs to an unprivileged account (Dovecot refuses UID 0 for mail);
  // as a normal user, everything runs as that user.
  const me = userInfo();
  const mailOwner = isRoot ? (uidOf('dovecot') ?? uidOf('nobody') ?? { uid: 65534, gid: 65534 }) : me;
  const internalUser = isRoot ? (uidOf('dovecot') ? 'dovecot' : 'nobody') : me.username;
  const loginUser = isRoot ? (uidOf('dovenull') ? 'dovenull' : internalUser) : me.username;
  const port = await freePort();
  const home = join(dir, 'home');
  mkdirSync(home);
  mkdirSync(join(dir, 'run'));
  mkdirSync(join(dir, 'state'));
  if (isRoot) {
    chmodSync(dir, 0o755);
    chownSync(home, mailOwner.uid, mailOwner.gid);
  }
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''));
  chmodSync(passwd, 0o644);
  const logFile = join(dir, 'dovecot.log');
  const config = `
base_dir = ${join(dir, 'run')}
state_dir = ${join(dir, 'state')}
log_path = ${logFile}
instance_name = switchboard-test-${port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_uid = ${mailOwner.uid}
mail_gid = ${mailOwner.gid}
default_internal_user = ${internalUser}
default_internal_group = ${isRoot ? internalUser : spawnSync('id', ['-gn'], { encoding: 'utf8' }).stdout.trim()}
default_login_user = ${loginUser}
login_trusted_networks = 127.0.0.0/8
mail_max_userip_connections = 100
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${passwd}
}
userdb {
  driver = static
  args = uid=${mailOwner.uid} gid=${mailOwner.gid} home=${home}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
protocol imap {
  mail_max_userip_connections = 100
}
`;
  const configFile = join(dir, 'dovecot.conf');
  writeFileSync(configFile, config);
  chmodSync(configFile, 0o644);

  const child: ChildProcess = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    const file = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    return `${output}${file}`;
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (!(await greets(port))) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`Dovecot did not start on 127.0.0.1:${port}:\n${text}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { host: '127.0.0.1', port, users, log, stop };
}
