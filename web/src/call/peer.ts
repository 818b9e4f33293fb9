// The peer connection's transceivers: one audio and one video, in that order, on both sides.

/** The offerer: one audio and one video transceiver, sending what we have (video may come later). */
export function addOffererTransceivers(pc: RTCPeerConnection, local: MediaStream | null): void {
  const streams = local ? [local] : [];
  const audio = local?.getAudioTracks()[0];
  const video = local?.getVideoTracks()[0];
  pc.addTransceiver(audio ?? 'audio', { direction: 'sendrecv', streams });
  pc.addTransceiver(video ?? 'video', { direction: 'sendrecv', streams });
}

/** The answerer sends its tracks on the transceivers the offer created. */
export async function attachLocalToTransceivers(pc: RTCPeerConnection, local: MediaStream | null): Promise<void> {
  for (const t of pc.getTransceivers()) {
    if (t.currentDirection === 'stopped' || t.sender.track) continue;
    const kind = t.receiver.track.kind;
    const track = kind === 'audio' ? local?.getAudioTracks()[0] : local?.getVideoTracks()[0];
    t.direction = 'sendrecv';
    if (local) t.sender.setStreams(local);
    if (track) await t.sender.replaceTrack(track);
  }
}

/** The sender of our video (its track is null while the call is audio only). */
export function videoSender(pc: RTCPeerConnection | null): RTCRtpSender | undefined {
  return pc?.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.sender;
}
