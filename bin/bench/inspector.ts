import type { ChildProcess } from 'node:child_process'

/**
 * Another process's V8 through its inspector (started with --inspect=127.0.0.1:0): the bench
 * collects its garbage before reading its RSS, without any hook in the product for it.
 */
export interface Inspector {
  collectGarbage(): Promise<void>
  close(): void
}

/** Waits for "Debugger listening on ws://…" on the child's stderr (which is forwarded). */
export async function attachInspector(child: ChildProcess): Promise<Inspector> {
  const url = await new Promise<string>((resolve, reject) => {
    let seen = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      if (!/Debugger (listening|attached)|For help, see/.test(text)) process.stderr.write(text)
      seen += text
      const match = /ws:\/\/[^\s]+/.exec(seen)
      if (match) resolve(match[0])
    })
    child.once('exit', () => reject(new Error('the process exited before its inspector listened')))
  })
  const socket = new WebSocket(url)
  await new Promise((resolve, reject) => {
    socket.onopen = resolve
    socket.onerror = reject
  })
  let id = 0
  const pending = new Map<number, () => void>()
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number }
    if (message.id !== undefined) pending.get(message.id)?.()
  }
  const call = (method: string) =>
    new Promise<void>((resolve) => {
      pending.set(++id, resolve)
      socket.send(JSON.stringify({ id, method }))
    })
  return {
    async collectGarbage() {
      // Twice: the first pass runs finalizers whose objects the second one frees.
      await call('HeapProfiler.collectGarbage')
      await call('HeapProfiler.collectGarbage')
    },
    close: () => socket.close(),
  }
}
