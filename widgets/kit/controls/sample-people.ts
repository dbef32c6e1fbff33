import type { ListOption } from './listbox.js'

/** Teammates for stories and tests of the person pickers (initials, no pictures to fetch). */
export const PEOPLE: ListOption[] = [
  { value: 'ana', label: 'Ana Lima', description: 'ana@acme.test', avatar: '', presence: 'online' },
  {
    value: 'bruno',
    label: 'Bruno Díaz',
    description: 'bruno@acme.test',
    avatar: '',
    presence: 'away',
  },
  {
    value: 'carla',
    label: 'Carla Dias',
    description: 'carla@acme.test',
    avatar: '',
    presence: 'offline',
  },
  {
    value: 'diego',
    label: 'Diego Souza',
    description: 'diego@acme.test',
    avatar: '',
    presence: 'online',
  },
  {
    value: 'elena',
    label: 'Elena Martín',
    description: 'elena@acme.test',
    avatar: '',
    presence: 'offline',
  },
  {
    value: 'jose',
    label: 'José Ortega',
    description: 'jose@acme.test',
    avatar: '',
    presence: 'away',
  },
]
