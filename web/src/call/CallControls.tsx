import { useI18n } from '../i18n/useI18n';
import { formatRate } from './bandwidth';
import type { CallState } from './call';
import type { CallActions } from './mesh';

/**
 * Mute, camera, audio only; the link's band and rate (and reduced video); the proposal to drop video on a
 * weak link; a calm word when the call went audio only by itself.
 */
export function CallControls({ call, state }: { call: CallActions; state: CallState }) {
  const { t, fmt } = useI18n();
  const connected = state.pcState === 'connected';
  return (
    <div className="callbar">
      <div className="callbar__buttons" role="group" aria-label={t('call.controls')}>
        <button type="button" className="button" aria-pressed={state.muted} onClick={() => call.toggleMute()} data-testid="toggle-mute" disabled={!state.localStream?.getAudioTracks().length}>
          {state.muted ? t('call.unmute') : t('call.mute')}
        </button>
        <button
          type="button"
          className="button"
          aria-pressed={state.cameraOff}
          onClick={() => call.toggleCamera()}
          data-testid="toggle-camera"
          disabled={state.audioOnly || !state.localStream?.getVideoTracks().length}
        >
          {state.cameraOff ? t('call.cameraOn') : t('call.cameraOff')}
        </button>
        <button type="button" className="button" aria-pressed={state.audioOnly} onClick={() => void call.setAudioOnly(!state.audioOnly)} data-testid="toggle-audio-only">
          {state.audioOnly ? t('call.videoBack') : t('call.audioOnly')}
        </button>
      </div>
      <div className="callbar__link" data-testid="link-quality" data-band={state.band ?? ''} data-video-limits={state.videoLimits ?? ''}>
        {connected ? (
          <>
            <span className={`band band--${state.band ?? 'unknown'}`} title={t('call.bandTitle')}>
              <span className="band__bars" aria-hidden="true">
                <i />
                <i />
                <i />
              </span>
              {state.band ? t(`call.band.${state.band}`) : t('call.band.measuring')}
            </span>
            {state.band && state.bitrate != null && <span className="callbar__rate">{formatRate(state.bitrate, fmt.decimal)}</span>}
            {state.videoLimits === 'low' && !state.audioOnly && <span className="callbar__rate">{t('call.videoReduced')}</span>}
            {state.candidateType === 'relay' && <span className="callbar__relay">{t('call.viaRelay')}</span>}
          </>
        ) : (
          <span className="callbar__pc">{t(`call.pc.${state.pcState}`)}</span>
        )}
      </div>
      {state.mediaError && (
        <p className="callbar__warning" role="status">
          {t(`call.mediaError.${state.mediaError}`)}
        </p>
      )}
      {state.audioOnly && state.autoAudioOnly && (
        <p className="callbar__info" role="status" data-testid="auto-audio-only" data-reason={state.autoAudioOnly}>
          {t(`call.auto.${state.autoAudioOnly}`)}
        </p>
      )}
      {state.audioOnly && state.audioOnlyBy === 'peer' && !state.autoAudioOnly && (
        <p className="callbar__info" role="status">
          {t('call.audioOnlyByPeer')}
        </p>
      )}
      {state.proposeAudioOnly && (
        <div className="callbar__proposal" role="alert" data-testid="audio-only-proposal">
          <span>{t('call.proposeAudioOnly')}</span>
          <button type="button" className="button button--primary button--small" onClick={() => void call.setAudioOnly(true)}>
            {t('call.switchAudioOnly')}
          </button>
          <button type="button" className="button button--quiet button--small" onClick={() => call.dismissProposal()}>
            {t('call.keepVideo')}
          </button>
        </div>
      )}
    </div>
  );
}
