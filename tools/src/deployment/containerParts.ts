import { Scalar } from 'yaml';
import { byDigest, type PinnedImages } from './pinnedImages';

/* The parts every generated container shares: users, secrets as mounted, hardening, the app image. */

/** The uid and gid the services run as: the `node` user of the official Node.js image (the Dockerfile checks it). */
export const SERVICE_UID = '1000';
/** The uid and gid of the `mongodb` user in the official MongoDB image. */
export const MONGO_UID = '999';

/** Where the operator puts the secrets and certificates docker-compose.yml reads (git-ignored; see docs/deployment.md). */
export const SECRETS_DIR = './deploy/secrets';
/** Where a compose secret is mounted in a container. */
export const SECRET = (name: string) => `/run/secrets/${name}`;
/** The compose secret holding the internal CA's certificate, which every TLS connection inside the deployment checks. */
export const INTERNAL_CA = 'internal-ca';

/** The connection string a service logs in with: its own user (password from its secret file), its database, TLS. */
export function databaseUri(user: string, database: string): string {
  return `mongodb://${user}@mongo:27017/${database}?replicaSet=rs0&authSource=admin&tls=true&tlsCAFile=${SECRET(INTERNAL_CA)}`;
}

/** Hardening every container gets: read-only root, no capabilities, no privilege gain, restarted, 30 s to stop. */
export const hardened = {
  read_only: true,
  cap_drop: ['ALL'],
  security_opt: ['no-new-privileges:true'],
  restart: 'unless-stopped',
  // Services finish requests in flight and exit within 25 s of SIGTERM (onShutdownSignal).
  stop_grace_period: '30s',
  init: true,
};

/** A file mode written in octal (`0o400`), as compose reads it. */
const octal = (mode: number) => Object.assign(new Scalar(mode), { format: 'OCT' });

/**
 * A compose secret as a service mounts it: at /run/secrets/<name>, owned and readable as
 * given. Docker Compose bind-mounts a file secret with the host file's owner and mode, so
 * deploy/make-secrets.sh gives the host files these (see docs/deployment.md).
 */
export const secret = (source: string, uid: string, mode: number) => ({ source, target: source, uid, gid: uid, mode: octal(mode) });
/** A secret only the service's user may read. */
export const serviceSecret = (source: string) => secret(source, SERVICE_UID, 0o400);
/** A file mounted as a secret that any user in the container may read (certificates, public keys). */
export const publicFile = (source: string) => secret(source, SERVICE_UID, 0o444);

/** The project's image, built from the Dockerfile on the pinned Node.js image; every service runs it. */
export const appImage = (images: PinnedImages) => ({
  build: { context: '.', dockerfile: 'Dockerfile', args: { NODE_IMAGE: byDigest(images.node) } },
  image: 'intel-gateway:local',
});
