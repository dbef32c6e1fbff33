import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { Readable } from 'node:stream'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { probeDuration } from '#services/recordings/audio'
import { freePort } from '#lib/local_services'

export interface TranscriptionCall {
  model: string
  responseFormat: string | null
  language: string | null
  bytes: number
  /** The audio's SHA-256: the same piece sent twice shows twice. */
  sha256: string
  duration: number
  at: number
  /** How long the double took to answer, delay included. */
  ms: number
}

/**
 * A local stand-in for the OpenAI audio and chat APIs, speaking their HTTP protocol to the
 * official SDK: it checks the key and the multipart request as the real API does (a `file` part
 * that is audio, a `model`), measures the audio it got, and answers `verbose_json` with a segment
 * every two seconds of it; chat requests for a campaign reply's classification (a JSON schema named
 * `reply_classification`) are answered from a few words of the reply. `delayPerAudioMinute` makes it take time like the real service;
 * `failNext` answers 500 to that many requests; `holdSummaries` keeps chat requests waiting
 * (counted in `summariesHeld`) until it is turned off or the client goes away.
 */
export async function startOpenAIDouble(
  options: { apiKey?: string; delayPerAudioMinuteMs?: number } = {}
) {
  const apiKey = options.apiKey ?? 'sk-test-double'
  const calls: TranscriptionCall[] = []
  /** Chat requests with a JSON schema (campaign reply classification), as they came. */
  const chats: { model: string; schema: string; content: string; context: string | null }[] = []
  const state = { failNext: 0, holdSummaries: false, summariesHeld: 0 }
  const json = (res: any, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }
  const error = (res: any, status: number, message: string, type = 'invalid_request_error') =>
    json(res, status, { error: { message, type, param: null, code: null } })

  const server: Server = createServer(async (req, res) => {
    const began = performance.now()
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return error(res, 401, 'Incorrect API key provided', 'invalid_api_key')
    if (state.failNext > 0) {
      state.failNext--
      return error(
        res,
        500,
        'The server had an error while processing your request',
        'server_error'
      )
    }
    const request = new Request(`http://double${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === 'POST' ? (Readable.toWeb(req) as ReadableStream) : undefined,
      duplex: 'half',
    } as RequestInit)

    if (req.url === '/v1/audio/transcriptions' && req.method === 'POST') {
      if (!req.headers['content-type']?.startsWith('multipart/form-data'))
        return error(res, 400, 'Expected multipart/form-data')
      const form = await request.formData()
      const file = form.get('file')
      const model = form.get('model')
      if (!(file instanceof File) || file.size === 0) return error(res, 400, "'file' is required")
      if (typeof model !== 'string' || !model) return error(res, 400, "'model' is required")
      if (file.size > 25 * 1024 * 1024)
        return error(res, 413, 'Maximum content size limit (26214400) exceeded')
      const dir = await mkdtemp(join(tmpdir(), 'openai-double-'))
      try {
        const path = join(dir, file.name || 'audio')
        const bytes = Buffer.from(await file.arrayBuffer())
        await writeFile(path, bytes)
        const duration = await probeDuration(path)
        if (!duration) return error(res, 400, 'Invalid file format.')
        const responseFormat = (form.get('response_format') as string | null) ?? null
        const call: TranscriptionCall = {
          model,
          responseFormat,
          language: form.get('language') as string | null,
          bytes: file.size,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          duration,
          at: Date.now(),
          ms: 0,
        }
        calls.push(call)
        if (options.delayPerAudioMinuteMs)
          await new Promise((r) => setTimeout(r, (duration / 60) * options.delayPerAudioMinuteMs!))
        call.ms = performance.now() - began
        const segments = []
        for (let start = 0, id = 0; start < duration - 0.05; start += 2, id++) {
          segments.push({
            id,
            seek: 0,
            start,
            end: Math.min(duration, start + 2),
            text: ` words ${id} of ${duration.toFixed(1)}s`,
            tokens: [],
            temperature: 0,
            avg_logprob: -0.2,
            compression_ratio: 1.2,
            no_speech_prob: 0.01,
          })
        }
        const text = segments.map((s) => s.text).join('')
        if (responseFormat === 'diarized_json') {
          // Speaker turns, as gpt-4o-transcribe-diarize answers: two people taking turns.
          const turns = segments.map((s, i) => ({
            type: 'transcript.text.segment',
            id: `seg_${i}`,
            start: s.start,
            end: s.end,
            text: s.text,
            speaker: i % 2 ? 'B' : 'A',
          }))
          return json(res, 200, { task: 'transcribe', duration, text, segments: turns })
        }
        if (responseFormat === 'verbose_json')
          return json(res, 200, {
            task: 'transcribe',
            language: 'english',
            duration,
            text,
            segments,
          })
        return json(res, 200, { text })
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    }

    if (req.url === '/v1/chat/completions' && req.method === 'POST') {
      const body = (await request.json()) as {
        model?: string
        messages?: { role: string; content: string }[]
        response_format?: { type: string; json_schema?: { name?: string; schema?: any } }
      }
      if (!body.model || !Array.isArray(body.messages))
        return error(res, 400, 'model and messages are required')
      const schema = body.response_format?.json_schema
      if (body.response_format?.type === 'json_schema' && schema?.name === 'reply_classification') {
        // Campaign replies: a few words decide, as a model would for these plain cases.
        const reply = body.messages.at(-1)!.content
        const context = body.messages.find((m) => m.role === 'assistant')?.content ?? null
        chats.push({ model: body.model, schema: schema.name, content: reply, context })
        const allowed: string[] = schema.schema?.properties?.classification?.enum ?? []
        const classification = /\?\s*$/.test(reply)
          ? 'question'
          : /\b(no thanks|not interested)\b/i.test(reply)
            ? 'not_interested'
            : /\b(yes|interested|sign me up)\b/i.test(reply)
              ? 'interested'
              : 'other'
        if (!allowed.includes(classification)) return error(res, 400, 'schema lacks the answer')
        return json(res, 200, {
          id: 'chatcmpl-double',
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: JSON.stringify({ classification }) },
            },
          ],
        })
      }
      if (state.holdSummaries) {
        state.summariesHeld++
        let gone = false
        res.once('close', () => (gone = true))
        while (state.holdSummaries && !gone) await new Promise((r) => setTimeout(r, 20))
        if (gone) return
      }
      const words = body.messages.at(-1)!.content.split(/\s+/).length
      return json(res, 200, {
        id: 'chatcmpl-double',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [
          {
            index: 0,
            finish_reason: 'stop',
            message: {
              role: 'assistant',
              content: JSON.stringify({
                summary: `A recording of ${words} words.`,
                actionItems: ['Send the follow-up'],
              }),
            },
          },
        ],
      })
    }
    error(res, 404, `Unknown route ${req.method} ${req.url}`)
  })
  const port = await freePort()
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    apiKey,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    chats,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
