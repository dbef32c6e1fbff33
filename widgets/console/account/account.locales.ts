import { registerMessages } from '../../kit/localize.js'

/** The console's account pages (Security, Users), English and Spanish. */
const accountEn = {
  'console.nav.security': 'Security',
  'console.nav.users': 'Users',

  'console.security.title': 'Security',
  'console.security.intro':
    'Two-step sign-in for your console account, and the browsers where it is signed in.',
  'console.totp.title': 'Two-step sign-in',
  'console.totp.off': 'Signing in needs only your password.',
  'console.totp.on': 'Signing in needs your password and a code from your authenticator app.',
  'console.totp.why':
    'With two-step sign-in on, a stolen password alone does not open the console.',
  'console.totp.turnOn': 'Turn on',
  'console.totp.turnOff': 'Turn off',
  'console.totp.scanTitle': 'Add this account to your authenticator app',
  'console.totp.scanHint':
    'Scan the code with any app that makes 6-digit codes (1Password, Google Authenticator, Microsoft Authenticator…).',
  'console.totp.qrLabel': 'QR code that adds this account to an authenticator app',
  'console.totp.secret': 'Cannot scan? Type this key into the app instead:',
  'console.totp.copyKey': 'Copy key',
  'console.totp.copied': 'Copied',
  'console.totp.code': 'Code from the app',
  'console.totp.codeHint': 'Six digits; the app shows a new one every 30 seconds.',
  'console.totp.verify': 'Verify and turn on',
  'console.totp.cancel': 'Cancel',
  'console.totp.missingCode': 'Enter the six-digit code from the app.',
  'console.totp.wrongCode':
    'That code did not work. Enter the code the app shows now (check the phone’s clock if it keeps failing).',
  'console.totp.codesTitle': 'Save your recovery codes',
  'console.totp.codesIntro':
    'If you lose your phone, each of these codes signs you in once in place of an app code. This is the only time they are shown: copy or download them and keep them somewhere safe.',
  'console.totp.codesLabel': 'Recovery codes',
  'console.totp.copyCodes': 'Copy codes',
  'console.totp.download': 'Download .txt',
  'console.totp.saved': 'I have saved my recovery codes',
  'console.totp.done': 'Done',
  'console.totp.turnedOn': 'Two-step sign-in is on. You will be asked for a code when you sign in.',
  'console.totp.offTitle': 'Turn off two-step sign-in',
  'console.totp.offHint': 'To confirm, enter a code your authenticator app shows now.',
  'console.totp.confirmOff': 'Turn off two-step sign-in',
  'console.totp.turnedOff': 'Two-step sign-in is off.',
  'console.totp.file':
    'Recovery codes for {email} ({tenant}).\nEach one signs in once in place of an authenticator code.',

  'console.sessions.title': 'Where you are signed in',
  'console.sessions.intro':
    'Every browser signed in to your account. Sign out any you do not recognise, and turn on two-step sign-in.',
  'console.sessions.device': 'Browser',
  'console.sessions.ip': 'IP address',
  'console.sessions.started': 'Signed in',
  'console.sessions.lastSeen': 'Last active',
  'console.sessions.actions': 'Actions',
  'console.sessions.thisDevice': 'This browser',
  'console.sessions.now': 'Now',
  'console.sessions.unknown': 'Unknown browser',
  'console.sessions.on': '{browser} on {os}',
  'console.sessions.signOut': 'Sign out',
  'console.sessions.signOutLabel': 'Sign out {device}, {ip}',
  'console.sessions.signOutOthers': 'Sign out all other browsers',
  'console.sessions.confirmTitle': 'Sign out {device}?',
  'console.sessions.confirmMessage':
    'The browser at {ip} is signed out at once and needs your password to come back.',
  'console.sessions.confirmThisTitle': 'Sign out of this browser?',
  'console.sessions.confirmThisMessage': 'You will go back to the sign-in page.',
  'console.sessions.confirmOthersTitle': 'Sign out {count} other browsers?',
  'console.sessions.confirmOthersMessage':
    'Each of them needs your password to come back. This browser stays signed in.',
  'console.sessions.signedOut': '{device} is signed out.',
  'console.sessions.signedOutOthers': 'Every other browser is signed out.',
  'console.sessions.onlyThis': 'Only this browser is signed in.',

  'console.users.title': 'Users',
  'console.users.intro':
    'The people who sign in to this console, and what each may do. Parley sends no email: an invitation is a link you send yourself.',
  'console.users.rolesTitle': 'What each role may do',
  'console.users.role.owner': 'Owner',
  'console.users.role.admin': 'Admin',
  'console.users.role.developer': 'Developer',
  'console.users.role.support': 'Support',
  'console.users.roleInfo.owner': 'Everything, including other owners and the billing account.',
  'console.users.roleInfo.admin':
    'Everything but owners and the billing account: users, keys, domains, theme, branding.',
  'console.users.roleInfo.developer':
    'Keys, allowed origins, domains, the theme and branding; reads the rest.',
  'console.users.roleInfo.support': 'Reads every page and changes nothing.',
  'console.users.list': 'People',
  'console.users.name': 'Name',
  'console.users.role': 'Role',
  'console.users.twoStep': 'Two-step sign-in',
  'console.users.lastSignIn': 'Last sign-in',
  'console.users.actions': 'Actions',
  'console.users.on': 'On',
  'console.users.off': 'Off',
  'console.users.never': 'Never',
  'console.users.you': 'You',
  'console.users.roleOf': 'Role of {name}',
  'console.users.changeRole': 'Save',
  'console.users.changeRoleLabel': 'Change the role of {name}',
  'console.users.roleChanged': '{name} is now {role}.',
  'console.users.remove': 'Remove',
  'console.users.removeLabel': 'Remove {name}',
  'console.users.confirmRemove': 'Remove {name}?',
  'console.users.confirmRemoveMessage':
    'They lose access to this console at once and are signed out everywhere. Invite them again to bring them back.',
  'console.users.confirmRemoveSelf': 'Remove yourself?',
  'console.users.confirmRemoveSelfMessage':
    'You lose access to this console at once and are signed out.',
  'console.users.removed': '{name} is removed.',
  'console.users.readOnly':
    'Only owners and admins invite people and change roles; your role is {role}. Ask one of them.',
  'console.users.ownerOnly': 'Only an owner changes or removes an owner.',
  'console.users.lastOwner': 'The only owner: make someone else owner first.',
  'console.users.forbidden': 'Your role cannot make this change.',
  'console.users.keepOwner': 'The console must keep an owner: make someone else owner first.',
  'console.users.failed': 'That did not work: {message}',
  'console.users.inviteTitle': 'Invite someone',
  'console.users.email': 'Email',
  'console.users.invite': 'Create invitation link',
  'console.users.inviteHint':
    'Admins invite admins, developers and support; only owners invite owners.',
  'console.users.missingEmail': 'Enter the email address of the person to invite.',
  'console.users.taken': 'This email already has a console account.',
  'console.users.linkTitle': 'Invitation link for {email}',
  'console.users.linkIntro':
    'Send this link to {email} yourself. It works once, until {date}, and this is the only time it is shown.',
  'console.users.copyLink': 'Copy link',
  'console.users.copied': 'Copied',
  'console.users.done': 'Done',
  'console.users.pendingTitle': 'Invitations not accepted yet',
  'console.users.expires': 'Link works until {date}',
  'console.users.cancelInvitation': 'Cancel invitation',
  'console.users.cancelInvitationLabel': 'Cancel invitation for {email}',
  'console.users.confirmCancelInvitation': 'Cancel the invitation for {email}?',
  'console.users.confirmCancelInvitationMessage':
    'Its link stops working at once. Invite them again if you change your mind.',
  'console.users.keepInvitation': 'Keep it',
  'console.users.invitationCancelled':
    'The invitation for {email} is cancelled: its link no longer works.',
  'console.users.invitationGone':
    'The invitation for {email} was no longer pending: accepted, expired or cancelled already.',
  'console.users.ownerInvitationOnly': "Only an owner cancels an owner's invitation.",
  'console.confirm.cancel': 'Cancel',
}

type AccountMessages = typeof accountEn

const accountEs: AccountMessages = {
  'console.nav.security': 'Seguridad',
  'console.nav.users': 'Usuarios',

  'console.security.title': 'Seguridad',
  'console.security.intro':
    'El inicio de sesión en dos pasos de tu cuenta de la consola y los navegadores donde está abierta.',
  'console.totp.title': 'Inicio de sesión en dos pasos',
  'console.totp.off': 'Para entrar solo hace falta tu contraseña.',
  'console.totp.on':
    'Para entrar hacen falta tu contraseña y un código de tu app de autenticación.',
  'console.totp.why':
    'Con el inicio en dos pasos activado, una contraseña robada no basta para abrir la consola.',
  'console.totp.turnOn': 'Activar',
  'console.totp.turnOff': 'Desactivar',
  'console.totp.scanTitle': 'Añade esta cuenta a tu app de autenticación',
  'console.totp.scanHint':
    'Escanea el código con cualquier app que genere códigos de 6 cifras (1Password, Google Authenticator, Microsoft Authenticator…).',
  'console.totp.qrLabel': 'Código QR que añade esta cuenta a una app de autenticación',
  'console.totp.secret': '¿No puedes escanearlo? Escribe esta clave en la app:',
  'console.totp.copyKey': 'Copiar clave',
  'console.totp.copied': 'Copiado',
  'console.totp.code': 'Código de la app',
  'console.totp.codeHint': 'Seis cifras; la app muestra uno nuevo cada 30 segundos.',
  'console.totp.verify': 'Verificar y activar',
  'console.totp.cancel': 'Cancelar',
  'console.totp.missingCode': 'Escribe el código de seis cifras de la app.',
  'console.totp.wrongCode':
    'Ese código no ha funcionado. Escribe el que muestra la app ahora (si sigue fallando, revisa la hora del teléfono).',
  'console.totp.codesTitle': 'Guarda tus códigos de recuperación',
  'console.totp.codesIntro':
    'Si pierdes el teléfono, cada uno de estos códigos te deja entrar una vez en lugar de un código de la app. Solo se muestran ahora: cópialos o descárgalos y guárdalos en un lugar seguro.',
  'console.totp.codesLabel': 'Códigos de recuperación',
  'console.totp.copyCodes': 'Copiar códigos',
  'console.totp.download': 'Descargar .txt',
  'console.totp.saved': 'He guardado mis códigos de recuperación',
  'console.totp.done': 'Listo',
  'console.totp.turnedOn':
    'El inicio de sesión en dos pasos está activado. Al entrar se te pedirá un código.',
  'console.totp.offTitle': 'Desactivar el inicio de sesión en dos pasos',
  'console.totp.offHint': 'Para confirmar, escribe el código que muestra ahora tu app.',
  'console.totp.confirmOff': 'Desactivar el inicio en dos pasos',
  'console.totp.turnedOff': 'El inicio de sesión en dos pasos está desactivado.',
  'console.totp.file':
    'Códigos de recuperación de {email} ({tenant}).\nCada uno sirve para entrar una vez en lugar de un código de la app.',

  'console.sessions.title': 'Dónde tienes la sesión abierta',
  'console.sessions.intro':
    'Cada navegador con tu cuenta abierta. Cierra la sesión en los que no reconozcas y activa el inicio en dos pasos.',
  'console.sessions.device': 'Navegador',
  'console.sessions.ip': 'Dirección IP',
  'console.sessions.started': 'Inicio de sesión',
  'console.sessions.lastSeen': 'Última actividad',
  'console.sessions.actions': 'Acciones',
  'console.sessions.thisDevice': 'Este navegador',
  'console.sessions.now': 'Ahora',
  'console.sessions.unknown': 'Navegador desconocido',
  'console.sessions.on': '{browser} en {os}',
  'console.sessions.signOut': 'Cerrar sesión',
  'console.sessions.signOutLabel': 'Cerrar la sesión de {device}, {ip}',
  'console.sessions.signOutOthers': 'Cerrar la sesión en los demás navegadores',
  'console.sessions.confirmTitle': '¿Cerrar la sesión de {device}?',
  'console.sessions.confirmMessage':
    'La sesión del navegador en {ip} se cierra al momento y necesitará tu contraseña para volver.',
  'console.sessions.confirmThisTitle': '¿Cerrar la sesión en este navegador?',
  'console.sessions.confirmThisMessage': 'Volverás a la página de inicio de sesión.',
  'console.sessions.confirmOthersTitle': '¿Cerrar la sesión en otros {count} navegadores?',
  'console.sessions.confirmOthersMessage':
    'Cada uno necesitará tu contraseña para volver. Este navegador sigue con la sesión abierta.',
  'console.sessions.signedOut': 'Se ha cerrado la sesión de {device}.',
  'console.sessions.signedOutOthers': 'Se ha cerrado la sesión en todos los demás navegadores.',
  'console.sessions.onlyThis': 'Solo este navegador tiene la sesión abierta.',

  'console.users.title': 'Usuarios',
  'console.users.intro':
    'Las personas que entran en esta consola y lo que puede hacer cada una. Parley no envía correos: una invitación es un enlace que envías tú.',
  'console.users.rolesTitle': 'Qué puede hacer cada rol',
  'console.users.role.owner': 'Propietario',
  'console.users.role.admin': 'Administrador',
  'console.users.role.developer': 'Desarrollador',
  'console.users.role.support': 'Soporte',
  'console.users.roleInfo.owner': 'Todo, incluidos otros propietarios y la cuenta de facturación.',
  'console.users.roleInfo.admin':
    'Todo salvo los propietarios y la cuenta de facturación: usuarios, claves, dominios, tema, marca.',
  'console.users.roleInfo.developer':
    'Claves, orígenes permitidos, dominios, el tema y la marca; consulta el resto.',
  'console.users.roleInfo.support': 'Consulta todas las páginas y no cambia nada.',
  'console.users.list': 'Personas',
  'console.users.name': 'Nombre',
  'console.users.role': 'Rol',
  'console.users.twoStep': 'Inicio en dos pasos',
  'console.users.lastSignIn': 'Último inicio de sesión',
  'console.users.actions': 'Acciones',
  'console.users.on': 'Activado',
  'console.users.off': 'Desactivado',
  'console.users.never': 'Nunca',
  'console.users.you': 'Tú',
  'console.users.roleOf': 'Rol de {name}',
  'console.users.changeRole': 'Guardar',
  'console.users.changeRoleLabel': 'Cambiar el rol de {name}',
  'console.users.roleChanged': '{name} ahora es {role}.',
  'console.users.remove': 'Quitar',
  'console.users.removeLabel': 'Quitar a {name}',
  'console.users.confirmRemove': '¿Quitar a {name}?',
  'console.users.confirmRemoveMessage':
    'Pierde el acceso a esta consola al momento y se cierran todas sus sesiones. Invítalo de nuevo para que vuelva.',
  'console.users.confirmRemoveSelf': '¿Quitarte a ti?',
  'console.users.confirmRemoveSelfMessage':
    'Pierdes el acceso a esta consola al momento y se cierra tu sesión.',
  'console.users.removed': 'Se ha quitado a {name}.',
  'console.users.readOnly':
    'Solo propietarios y administradores invitan a personas y cambian roles; tu rol es {role}. Pídeselo a uno de ellos.',
  'console.users.ownerOnly': 'Solo un propietario cambia o quita a un propietario.',
  'console.users.lastOwner': 'Es el único propietario: haz propietario a otra persona primero.',
  'console.users.forbidden': 'Tu rol no permite este cambio.',
  'console.users.keepOwner':
    'La consola debe tener un propietario: haz propietario a otra persona primero.',
  'console.users.failed': 'No ha funcionado: {message}',
  'console.users.inviteTitle': 'Invitar a alguien',
  'console.users.email': 'Correo electrónico',
  'console.users.invite': 'Crear enlace de invitación',
  'console.users.inviteHint':
    'Los administradores invitan a administradores, desarrolladores y soporte; solo los propietarios invitan a propietarios.',
  'console.users.missingEmail': 'Escribe el correo de la persona a la que invitas.',
  'console.users.taken': 'Este correo ya tiene una cuenta en la consola.',
  'console.users.linkTitle': 'Enlace de invitación para {email}',
  'console.users.linkIntro':
    'Envía tú este enlace a {email}. Funciona una vez, hasta el {date}, y solo se muestra ahora.',
  'console.users.copyLink': 'Copiar enlace',
  'console.users.copied': 'Copiado',
  'console.users.done': 'Listo',
  'console.users.pendingTitle': 'Invitaciones aún no aceptadas',
  'console.users.expires': 'El enlace funciona hasta el {date}',
  'console.users.cancelInvitation': 'Cancelar invitación',
  'console.users.cancelInvitationLabel': 'Cancelar invitación para {email}',
  'console.users.confirmCancelInvitation': '¿Cancelar la invitación para {email}?',
  'console.users.confirmCancelInvitationMessage':
    'Su enlace deja de funcionar al momento. Invítalo de nuevo si cambias de idea.',
  'console.users.keepInvitation': 'Mantenerla',
  'console.users.invitationCancelled':
    'Se ha cancelado la invitación para {email}: su enlace ya no funciona.',
  'console.users.invitationGone':
    'La invitación para {email} ya no estaba pendiente: se aceptó, caducó o ya se canceló.',
  'console.users.ownerInvitationOnly':
    'Solo un propietario cancela la invitación de un propietario.',
  'console.confirm.cancel': 'Cancelar',
}

declare module '../../kit/localize.js' {
  interface WidgetMessages {
    consoleAccount: AccountMessages
  }
}

registerMessages({ en: accountEn, es: accountEs })
