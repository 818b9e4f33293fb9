import type { CallOptions, CallState } from './callState';

/** The camera as the call asks for it: enough for a consultation, light on a weak link. */
export const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };

type GetUserMedia = (c: MediaStreamConstraints) => Promise<MediaStream>;

export function userMedia(options: Pick<CallOptions, 'getUserMedia'>): GetUserMedia {
  return options.getUserMedia ?? ((c) => navigator.mediaDevices.getUserMedia(c));
}

/** Camera and microphone; falls back to the microphone alone, then to nothing (receiving only). */
export async function acquireMedia(gum: GetUserMedia, audioOnly: boolean): Promise<{ stream: MediaStream | null; mediaError: CallState['mediaError'] }> {
  try {
    return { stream: await gum({ audio: { echoCancellation: true, noiseSuppression: true }, video: audioOnly ? false : VIDEO }), mediaError: null };
  } catch {
    try {
      return { stream: await gum({ audio: true, video: false }), mediaError: 'noVideo' };
    } catch {
      return { stream: null, mediaError: 'noMedia' };
    }
  }
}

/** A camera track to send again after audio only: the shared one of a mesh, else a new one. */
export async function cameraTrack(options: Pick<CallOptions, 'getUserMedia' | 'cameraTrack'>): Promise<MediaStreamTrack | null | undefined> {
  if (options.cameraTrack) return options.cameraTrack();
  return (await userMedia(options)({ video: VIDEO, audio: false })).getVideoTracks()[0];
}

/** Audio only: the camera stops, leaves the stream, and our video sender sends nothing. */
export async function dropVideo(local: MediaStream | null, sender: RTCRtpSender | undefined): Promise<void> {
  for (const t of local?.getVideoTracks() ?? []) {
    t.stop();
    local?.removeTrack(t);
  }
  await sender?.replaceTrack(null).catch(() => undefined);
}

/** Video again: a camera track on the stream and the sender (throws when the browser gives none). */
export async function restoreVideo(
  local: MediaStream,
  sender: RTCRtpSender | undefined,
  options: Pick<CallOptions, 'getUserMedia' | 'cameraTrack'>,
  enabled: boolean,
): Promise<void> {
  const track = await cameraTrack(options);
  if (!track) return;
  track.enabled = enabled;
  if (!local.getVideoTracks().includes(track)) local.addTrack(track);
  await sender?.replaceTrack(track).catch(() => undefined);
}
