import { registerMessages } from '../../kit/localize.js'

/** The Branding page's upload strings (logo and font files), English and Spanish. */
const brandingEn = {
  'console.branding.logo': 'Logo',
  'console.branding.font': 'Font',
  'console.branding.logoHint':
    'Upload a PNG, JPEG or WebP image of at most 512 KB, or enter an https address you host. Empty for none.',
  'console.branding.fontHint':
    'Upload a WOFF2 or WOFF font (TTF and OTF work too) of at most 1 MB, or enter an https address you host. Empty for none.',
  'console.branding.uploadLogo': 'Upload logo',
  'console.branding.uploadFont': 'Upload font',
  'console.branding.uploading': 'Uploading…',
  'console.branding.logoUploaded':
    'Logo uploaded and in use. Host pages get it on their next load.',
  'console.branding.fontUploaded':
    'Font uploaded and in use. Host pages get it on their next load.',
  'console.branding.tooLarge': 'This file is {size}; the limit is {limit}.',
  'console.branding.uploadFailed': 'The upload failed ({message}). Try again.',
  'console.branding.fontSampleLabel': 'Sample in this font',
  'console.branding.fontSample': 'The quick brown fox jumps over the lazy dog. 0123456789',
  'console.branding.fontLoading': 'Loading the font…',
  'console.branding.fontFailed':
    'This browser could not load the font at this address, so the sample shows the default font.',
}

type BrandingMessages = typeof brandingEn

const brandingEs: BrandingMessages = {
  'console.branding.logo': 'Logotipo',
  'console.branding.font': 'Tipografía',
  'console.branding.logoHint':
    'Sube una imagen PNG, JPEG o WebP de 512 KB como máximo, o escribe una dirección https que alojes tú. Vacío para ninguno.',
  'console.branding.fontHint':
    'Sube una tipografía WOFF2 o WOFF (también sirven TTF y OTF) de 1 MB como máximo, o escribe una dirección https que alojes tú. Vacío para ninguna.',
  'console.branding.uploadLogo': 'Subir logotipo',
  'console.branding.uploadFont': 'Subir tipografía',
  'console.branding.uploading': 'Subiendo…',
  'console.branding.logoUploaded':
    'Logotipo subido y en uso. Las páginas lo reciben en su próxima carga.',
  'console.branding.fontUploaded':
    'Tipografía subida y en uso. Las páginas la reciben en su próxima carga.',
  'console.branding.tooLarge': 'Este archivo ocupa {size}; el límite es {limit}.',
  'console.branding.uploadFailed': 'No se pudo subir ({message}). Inténtalo de nuevo.',
  'console.branding.fontSampleLabel': 'Muestra con esta tipografía',
  'console.branding.fontSample':
    'El veloz murciélago hindú comía feliz cardillo y kiwi. 0123456789',
  'console.branding.fontLoading': 'Cargando la tipografía…',
  'console.branding.fontFailed':
    'Este navegador no pudo cargar la tipografía de esta dirección; la muestra usa la tipografía por defecto.',
}

declare module '../../kit/localize.js' {
  interface WidgetMessages {
    consoleBranding: BrandingMessages
  }
}

registerMessages({ en: brandingEn, es: brandingEs })
