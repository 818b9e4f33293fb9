import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { CallState } from './call';
import type { MeshState } from './mesh';

/** A <video> showing a MediaStream; plays as soon as it can (muted for the local preview). */
function StreamVideo({ stream, version, muted, className, testId, label }: { stream: MediaStream | null; version: number; muted: boolean; className: string; testId: string; label: string }) {
  const el = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = el.current;
    if (!v) return;
    if (v.srcObject !== stream) v.srcObject = stream;
    if (stream) {
      v.play().catch(() => {
        // Autoplay with sound refused (no gesture yet): play muted rather than not at all.
        if (!v.muted) {
          v.muted = true;
          void v.play().catch(() => undefined);
        }
      });
    }
  }, [stream, version]);
  return <video ref={el} className={className} autoPlay playsInline muted={muted} data-testid={testId} aria-label={label} />;
}

interface Props {
  call: CallState;
  /** What the large area says while there is no remote picture. */
  placeholder: ReactNode;
  peerName: string;
  /** A banner over the picture (paused, recording). */
  overlay?: ReactNode;
}

/** Remote video large, local video small in a corner; the call's state in data attributes for tests. */
export function VideoStage({ call, placeholder, peerName, overlay }: Props) {
  const { t } = useI18n();
  const connected = call.pcState === 'connected';
  const remoteVideo = call.remoteStream?.getVideoTracks().some((tr) => tr.readyState === 'live') ?? false;
  const showRemote = connected && remoteVideo && !call.audioOnly;
  return (
    <div
      className="stage"
      data-testid="call-status"
      data-pc-state={call.pcState}
      data-ice-state={call.iceState}
      data-candidate-type={call.candidateType ?? ''}
      data-band={call.band ?? ''}
      data-audio-only={call.audioOnly ? 'true' : 'false'}
    >
      <StreamVideo
        stream={call.remoteStream}
        version={call.remoteVersion}
        muted={false}
        className={`stage__remote${showRemote ? '' : ' stage__remote--hidden'}`}
        testId="remote-video"
        label={t('call.remoteVideo', { name: peerName })}
      />
      {!showRemote && (
        <div className="stage__placeholder" data-testid="stage-placeholder">
          {connected && call.audioOnly ? (
            <>
              <span className="stage__avatar" aria-hidden="true">
                {initials(peerName)}
              </span>
              <span>{t('call.audioOnlyWith', { name: peerName })}</span>
            </>
          ) : (
            placeholder
          )}
        </div>
      )}
      {overlay && <div className="stage__overlay">{overlay}</div>}
      {showRemote && (
        <span className="stage__name" data-testid="stage-name">
          {peerName}
        </span>
      )}
      <div className={`stage__local${call.cameraOff || call.audioOnly || !call.localStream?.getVideoTracks().length ? ' stage__local--off' : ''}`}>
        <StreamVideo stream={call.localStream} version={0} muted className="stage__local-video" testId="local-video" label={t('call.localVideo')} />
        {(call.cameraOff || call.audioOnly) && <span className="stage__local-off">{t('call.cameraIsOff')}</span>}
        {call.muted && <span className="stage__muted">{t('call.micIsOff')}</span>}
      </div>
    </div>
  );
}

/**
 * The other participants of a call for three or more (a guest; for a guest, the patient): a tile
 * each with their name, their picture and the state of the peer connection with them.
 */
export function PeerTiles({ mesh, except }: { mesh: MeshState; except: number | undefined }) {
  const { t } = useI18n();
  const peers = mesh.peers.filter((p) => p.userId !== except && (p.online || p.state.pcState !== 'none'));
  if (peers.length === 0) return null;
  return (
    <ul className="tiles" aria-label={t('call.others')} data-testid="peer-tiles">
      {peers.map((p) => {
        const s = p.state;
        const connected = s.pcState === 'connected';
        const video = connected && !s.audioOnly && (s.remoteStream?.getVideoTracks().some((tr) => tr.readyState === 'live') ?? false);
        return (
          <li key={p.userId} className="tile" data-testid="peer-tile" data-user-id={p.userId} data-role={p.role} data-pc-state={s.pcState}>
            <StreamVideo stream={s.remoteStream} version={s.remoteVersion} muted={false} className={`tile__video${video ? '' : ' tile__video--hidden'}`} testId="peer-video" label={t('call.remoteVideo', { name: p.name })} />
            {!video && (
              <span className="tile__placeholder">
                <span className="stage__avatar" aria-hidden="true">
                  {initials(p.name)}
                </span>
                <span>{connected ? t('call.audioOnly') : t(`call.pc.${s.pcState}`)}</span>
              </span>
            )}
            <span className="tile__name" data-testid="peer-name">
              {p.name}
              {p.role === 'guest' && <span className="tile__role"> · {t('user.role.guest')}</span>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function initials(name: string): string {
  const words = name.replace(/^(Dr|Pr|Mr|Mrs|Ms|Mme|M)\.?\s+/i, '').split(/\s+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}
