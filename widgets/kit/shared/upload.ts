import type { ApiClient } from '../api-client.js'
import { ParleyApiError, ParleyNetworkError, type ErrorCode } from '../errors.js'
import type { Attachment } from '../conversation/types.js'

/**
 * Uploads one file as multipart `file`, reporting progress (0..1) as the bytes leave. fetch()
 * cannot report upload progress, so this one request uses XMLHttpRequest, with the API client's
 * session token (refreshed once if the server says it expired).
 */
export async function uploadFile(
  client: ApiClient,
  path: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal
): Promise<Attachment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send(
        new URL(path, client.baseUrl),
        await client.token(attempt > 1),
        file,
        onProgress,
        signal
      )
    } catch (error) {
      if (attempt === 1 && (error as ParleyApiError).code === 'AUTHENTICATION_ERROR') continue
      throw error
    }
  }
}

function send(
  url: URL,
  token: string,
  file: File,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal
) {
  return new Promise<Attachment>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.setRequestHeader('Authorization', `Bearer ${token}`)
    xhr.responseType = 'json'
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    })
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1)
        resolve(xhr.response as Attachment)
        return
      }
      const e = (
        xhr.response as {
          error?: { code: ErrorCode; message: string; details?: []; requestId?: string }
        } | null
      )?.error
      reject(
        new ParleyApiError(
          e?.code ?? (xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST'),
          e?.message ?? xhr.statusText,
          xhr.status,
          e?.details ?? [],
          e?.requestId
        )
      )
    })
    xhr.addEventListener('error', () => reject(new ParleyNetworkError()))
    xhr.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}
