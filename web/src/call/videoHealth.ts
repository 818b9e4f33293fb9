/** A local camera track muted (taken by another app, privacy switch) this many 2 s samples: failed. */
const MUTED_SAMPLES = 3;
/** The encoder produced no frame in this many 2 s samples while it had a live camera: failed. */
const STALLED_SAMPLES = 3;

/**
 * Whether our video has failed, from one sample to the next: the camera track ended, stayed
 * muted, or the encoder stopped producing frames. Only while video is meant to flow (not audio
 * only, camera not turned off by the user).
 */
export class VideoHealth {
  private muted = 0;
  private stalled = 0;
  private lastFrames: number | undefined;

  check(track: MediaStreamTrack | undefined, framesEncoded: number | undefined, watching: boolean): boolean {
    if (!watching || !track) {
      this.reset();
      return false;
    }
    if (track.readyState === 'ended') return true;
    this.muted = track.muted ? this.muted + 1 : 0;
    if (framesEncoded != null) {
      this.stalled = this.lastFrames != null && framesEncoded <= this.lastFrames ? this.stalled + 1 : 0;
      this.lastFrames = framesEncoded;
    }
    return this.muted >= MUTED_SAMPLES || this.stalled >= STALLED_SAMPLES;
  }

  reset(): void {
    this.muted = this.stalled = 0;
    this.lastFrames = undefined;
  }
}
