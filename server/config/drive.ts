import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import env from '#start/env'

/**
 * Where attachments live: the local disk by default (`DRIVE_ROOT`, else storage/uploads), or an
 * S3-compatible bucket with `DRIVE_DISK=s3` (install `@aws-sdk/client-s3` and
 * `@aws-sdk/s3-request-presigner` beside Parley). Files are never served from the disk directly:
 * Parley streams them after checking a signed, expiring link (see services/attachments.ts).
 */
const driveConfig = defineConfig({
  default: env.get('DRIVE_DISK'),
  services: {
    fs: services.fs({
      location: env.get('DRIVE_ROOT') ?? app.makePath('storage/uploads'),
      serveFiles: false,
      visibility: 'private',
    }),
    s3: services.s3({
      credentials: {
        accessKeyId: env.get('S3_ACCESS_KEY_ID') ?? '',
        secretAccessKey: env.get('S3_SECRET_ACCESS_KEY') ?? '',
      },
      region: env.get('S3_REGION') ?? 'us-east-1',
      bucket: env.get('S3_BUCKET') ?? '',
      endpoint: env.get('S3_ENDPOINT'),
      forcePathStyle: env.get('S3_ENDPOINT') !== undefined,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
