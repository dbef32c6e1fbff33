import { createSocket } from 'node:dgram'
import dnsPacket from 'dns-packet'

/**
 * A test double of an authoritative DNS server on a free UDP port of 127.0.0.1, answering TXT and
 * CNAME from a table the test changes as it goes (`txt`, `cname`). Unknown names answer NXDOMAIN;
 * a known name without the asked type answers NOERROR with no records (NODATA), as real servers do.
 * `fail` makes every answer SERVFAIL (a resolver outage). The server is pointed at with
 * DNS_SERVERS=127.0.0.1:<port>.
 */
export async function startDnsServer() {
  const txt = new Map<string, string[]>()
  const cname = new Map<string, string>()
  const state = { fail: false, queries: 0 }
  const socket = createSocket('udp4')

  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet
    try {
      query = dnsPacket.decode(message)
    } catch {
      return
    }
    state.queries++
    const question = query.questions?.[0]
    const name = question?.name.toLowerCase().replace(/\.$/, '') ?? ''
    const answers: dnsPacket.Answer[] = []
    if (question?.type === 'TXT' && txt.has(name))
      for (const value of txt.get(name)!)
        answers.push({ type: 'TXT', name: question.name, ttl: 1, class: 'IN', data: value })
    if (question?.type === 'CNAME' && cname.has(name))
      answers.push({
        type: 'CNAME',
        name: question.name,
        ttl: 1,
        class: 'IN',
        data: cname.get(name)!,
      })
    const known = txt.has(name) || cname.has(name)
    // The response code lives in the flags' low four bits: NOERROR 0, SERVFAIL 2, NXDOMAIN 3.
    const rcode = state.fail ? 2 : known ? 0 : 3
    const response = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags:
        dnsPacket.AUTHORITATIVE_ANSWER |
        dnsPacket.RECURSION_DESIRED |
        dnsPacket.RECURSION_AVAILABLE |
        rcode,
      questions: query.questions,
      answers: state.fail ? [] : answers,
    } as dnsPacket.Packet)
    socket.send(response, remote.port, remote.address)
  })

  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve))
  const { port } = socket.address()
  return {
    address: `127.0.0.1:${port}`,
    txt,
    cname,
    state,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
