import vine from '@vinejs/vine'
import { cursor, pageLimit } from '#validators/rules'

const language = () =>
  vine
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z]{2,4})?$/)

export const createRecordingValidator = vine.create(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(200),
    mimeType: vine
      .string()
      .trim()
      .regex(/^(audio|video)\/[\w.+-]+(;.*)?$/)
      .maxLength(100),
    language: language().optional(),
  })
)

export const uploadFieldsValidator = vine.create(
  vine.object({
    title: vine.string().trim().minLength(1).maxLength(200).optional(),
    language: language().optional(),
  })
)

export const completeValidator = vine.create(
  vine.object({
    /** How many chunks were uploaded; not needed to transcribe a recording already `uploaded`. */
    chunks: vine.number({ strict: true }).withoutDecimals().range([1, 100_000]).optional(),
    /** The whole recording's SHA-256 (hex), if the client knows it: the assembly is checked against it. */
    sha256: vine
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
)

export const transcriptQueryValidator = vine.create(
  vine.object({ format: vine.enum(['json', 'txt', 'srt', 'vtt'] as const).optional() })
)

export const correctTranscriptValidator = vine.create(
  vine.object({
    segments: vine
      .array(
        vine.object({
          id: vine.string().uuid(),
          text: vine.string().trim().minLength(1).maxLength(5000),
        })
      )
      .minLength(1)
      .maxLength(500),
  })
)

export const listRecordingsValidator = vine.create(
  vine.object({ limit: pageLimit(), cursor: cursor() })
)

export const openAIProviderValidator = vine.create(
  vine.object({
    apiKey: vine.string().trim().minLength(8).maxLength(300),
    // Its shape, scheme and addresses are the outbound guard's to judge (in the controller).
    baseUrl: vine.string().trim().maxLength(500).optional(),
    transcriptionModel: vine
      .enum([
        'whisper-1',
        'gpt-4o-transcribe',
        'gpt-4o-mini-transcribe',
        'gpt-4o-transcribe-diarize',
      ] as const)
      .optional(),
  })
)
