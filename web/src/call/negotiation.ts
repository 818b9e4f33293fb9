/**
 * Perfect negotiation (the W3C pattern) on one peer connection: the impolite side (the doctor)
 * ignores a colliding offer, the polite side (the patient) rolls back and answers. Candidates that
 * arrive before the remote description wait for it.
 */
export class PerfectNegotiation {
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswerPending = false;
  private readonly pendingCandidates: RTCIceCandidateInit[] = [];

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly polite: boolean,
    /** Sends our local description (offer or answer) to the other side. */
    private readonly sendDescription: () => Promise<void>,
    /** The answerer attaches its tracks to the transceivers the offer created, before answering. */
    private readonly beforeAnswer: () => Promise<void>,
  ) {}

  /** `negotiationneeded`: make an offer (the browser's own, after a track or transceiver change). */
  async negotiationNeeded(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      await this.sendDescription();
    } catch (e) {
      console.warn('negotiation', e);
    } finally {
      this.makingOffer = false;
    }
  }

  /** An offer or answer from the other side. */
  async description(description: RTCSessionDescriptionInit): Promise<void> {
    const pc = this.pc;
    const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.settingRemoteAnswerPending);
    const offerCollision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && offerCollision;
    if (this.ignoreOffer) return;
    this.settingRemoteAnswerPending = description.type === 'answer';
    await pc.setRemoteDescription(description);
    this.settingRemoteAnswerPending = false;
    for (const c of this.pendingCandidates.splice(0)) await pc.addIceCandidate(c).catch(() => undefined);
    if (description.type === 'offer') {
      if (this.polite) await this.beforeAnswer();
      await pc.setLocalDescription();
      await this.sendDescription();
    }
  }

  /** A remote ICE candidate. */
  async candidate(init: RTCIceCandidateInit): Promise<void> {
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(init);
      return;
    }
    try {
      await this.pc.addIceCandidate(init);
    } catch (e) {
      if (!this.ignoreOffer) console.warn('addIceCandidate', e);
    }
  }
}
