import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/useI18n';
import { unreadCount } from './chat';
import type { ConsultationRoom, RoomState } from './room';

/**
 * The consultation's chat: messages in the server's order, mine on the right; a message typed
 * here shows at once ("sending…") and is confirmed by the server; read marks from the other side.
 */
export function ChatPanel({ room, state, disabled }: { room: ConsultationRoom; state: RoomState; disabled: boolean }) {
  const { t, fmt } = useI18n();
  const [text, setText] = useState('');
  const list = useRef<HTMLOListElement>(null);
  const me = room.me.id;
  const peer = room.peer();
  const peerRead = peer ? (state.readMarks[peer.userId] ?? 0) : 0;
  const items = state.chat.items;
  const lastMineRead = [...items].reverse().find((i) => i.senderId === me && i.sequence != null && i.sequence <= peerRead);
  const unread = unreadCount(state.chat, me, state.myRead);

  // Keep the newest message in view.
  useLayoutEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items.length]);

  // What is on screen while the page is visible counts as read.
  useEffect(() => {
    if (unread === 0) return;
    const mark = () => document.visibilityState === 'visible' && room.markRead();
    mark();
    document.addEventListener('visibilitychange', mark);
    return () => document.removeEventListener('visibilitychange', mark);
  }, [room, unread]);

  const send = () => {
    if (!text.trim() || disabled) return;
    void room.sendChat(text);
    setText('');
  };

  return (
    <section className="chat" aria-labelledby="chat-title" data-testid="chat">
      <h2 id="chat-title" className="side__title">
        {t('chat.title')}
      </h2>
      <ol className="chat__list" ref={list} aria-live="polite" data-testid="chat-list">
        {items.length === 0 && <li className="chat__empty">{t('chat.empty')}</li>}
        {items.map((m) => {
          const mine = m.senderId === me;
          return (
            <li
              key={m.clientMessageId}
              className={`msg${mine ? ' msg--mine' : ''} msg--${m.status}`}
              data-testid="chat-message"
              data-sequence={m.sequence ?? ''}
              data-status={m.status}
            >
              <div className="msg__meta">
                <span className="msg__who">{mine ? t('chat.you') : m.senderName}</span>
                <time className="msg__time" dateTime={m.sentAt}>
                  {fmt.axisTime(Date.parse(m.sentAt), false)}
                </time>
              </div>
              <p className="msg__text" data-testid="chat-text">
                {m.text}
              </p>
              {m.status === 'pending' && <span className="msg__status">{t('chat.sending')}</span>}
              {m.status === 'failed' && (
                <span className="msg__status msg__status--failed">
                  {t('chat.failed')}{' '}
                  <button type="button" className="button button--quiet button--small" onClick={() => void room.retryChat(m.clientMessageId)}>
                    {t('chat.retry')}
                  </button>
                </span>
              )}
              {lastMineRead === m && (
                <span className="msg__status msg__status--read" data-testid="chat-read">
                  {t('chat.read')}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <form
        className="chat__form"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <label className="visually-hidden" htmlFor="chat-input">
          {t('chat.label')}
        </label>
        <textarea
          id="chat-input"
          className="chat__input"
          rows={2}
          value={text}
          maxLength={2000}
          placeholder={disabled ? t('chat.closed') : t('chat.placeholder')}
          disabled={disabled}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
          data-testid="chat-input"
        />
        <button type="submit" className="button button--primary" disabled={disabled || !text.trim()} data-testid="chat-send">
          {t('chat.send')}
        </button>
      </form>
    </section>
  );
}
