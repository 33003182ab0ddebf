import { resolve } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '@intel-gateway/shared/config';
import { repositoryRoot } from '@intel-gateway/shared/registry';

/** The base images every generated file and the Dockerfile use, by digest (deploy/pinned-images.json). */
export function pinnedImagesPathIn(root: string): string {
  return resolve(root, 'deploy', 'pinned-images.json');
}

const pinnedImage = z.object({
  /** Registry, repository and tag, e.g. `docker.io/library/mongo:8.0`: the tag is for people; the digest decides. */
  reference: z.string().regex(/^[a-z0-9./-]+(:[A-Za-z0-9._-]+)?$/, 'must be an image reference without a digest'),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be a sha256 digest (sha256: and 64 hex digits)'),
});
const pinnedImagesSchema = z.object({ node: pinnedImage, mongo: pinnedImage });
/** The pinned base images, as deploy/pinned-images.json holds them. */
export type PinnedImages = z.infer<typeof pinnedImagesSchema>;

/** The pinned base images; a missing or malformed digest stops generation with a clear message. */
export function loadPinnedImages(root: string = repositoryRoot): PinnedImages {
  return readJsonFile(pinnedImagesPathIn(root), pinnedImagesSchema, `pinned images ${pinnedImagesPathIn(root)}`);
}

/** An image reference that names its digest: what Docker pulls is exactly that. */
export const byDigest = (image: z.infer<typeof pinnedImage>): string => `${image.reference}@${image.digest}`;
