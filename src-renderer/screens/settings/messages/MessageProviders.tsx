import type { ParseKeys } from 'i18next';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { queryClient, trpc } from '../../../api/client';
import { envelopeOf, type Envelope } from '../../../api/errors';
import { useWritesLocked } from '../../../api/hooks';
import { ErrorNotice } from '../../../components/ErrorNotice';
import { describedBy, FieldError, pathFallsUnder, useIsOwner } from '../common';
import { SubmitForm } from '../../../components/SubmitForm';
import { useT, screenT } from '../../../i18n';
import { CheckField } from '../../../components/CheckField';
import { Panel } from '../../../components/Panel';

/**
 * Settings → Messages → Providers (docs/architecture.md §21): per channel a primary and a fallback
 * provider — SMTP for e-mail, an HTTP API for texts — saved on this desk through msg-send's
 * provider configuration (§18), or on the shop server while the desk is paired (§20; `keptOn`). A saved password or token is never shown back: the form says
 * "saved" and offers Replace; left alone, the saved one is kept. "Send a test message" sends
 * through one saved provider to an address the owner types and says what happened.
 */

type Channel = 'email' | 'sms';
type Role = 'primary' | 'fallback';
type Saved = NonNullable<ReturnType<typeof useProviders>['data']>;

interface Draft {
  on: boolean;
  name: string;
  /** SMTP: host, port, user, from. SMS: base URL, account, from. */
  host: string;
  port: string;
  secure: boolean;
  user: string;
  from: string;
  baseUrl: string;
  accountSid: string;
  idempotent: boolean;
  /** The new secret typed; null: keep the saved one. */
  secret: string | null;
  secretSaved: boolean;
}

function useProviders() {
  return useQuery(trpc.messages.providers.get.queryOptions(undefined, { staleTime: 0 }));
}

const blank = (channel: Channel, role: Role): Draft => {
  const t = screenT('settings');
  return ({
  on: false,
  name: `${channel === 'email' ? t('eMail2') : t('texts')} ${role === 'primary' ? '1' : '2'}`,
  host: '',
  port: '587',
  secure: false,
  user: '',
  from: '',
  baseUrl: '',
  accountSid: '',
  idempotent: false,
  secret: null,
  secretSaved: false,
});
};

function draftOf(saved: Saved, channel: Channel, role: Role): Draft {
  const chain = saved[channel];
  const provider = chain?.[role] ?? null;
  if (provider === null) return { ...blank(channel, role), secret: '' };
  if (provider.kind === 'smtp') {
    return {
      ...blank(channel, role),
      on: true,
      name: provider.name,
      host: provider.host,
      port: String(provider.port),
      secure: provider.secure,
      user: provider.user ?? '',
      from: provider.from,
      secretSaved: provider.password !== null,
      secret: provider.password !== null ? null : '',
    };
  }
  return {
    ...blank(channel, role),
    on: true,
    name: provider.name,
    baseUrl: provider.baseUrl,
    accountSid: provider.accountSid,
    from: provider.from,
    idempotent: provider.idempotent,
    secretSaved: true,
    secret: null,
  };
}

/** What goes to the desk: a secret not replaced is left out, so the saved one stays. */
function providerOf(channel: Channel, draft: Draft) {
  const secret = draft.secret === null ? {} : channel === 'email' ? { password: draft.secret === '' ? null : draft.secret } : { authToken: draft.secret };
  return channel === 'email'
    ? { kind: 'smtp' as const, name: draft.name.trim(), host: draft.host.trim(), port: Number(draft.port), secure: draft.secure, user: draft.user.trim() === '' ? null : draft.user.trim(), from: draft.from.trim(), ...secret }
    : { kind: 'sms-http' as const, name: draft.name.trim(), baseUrl: draft.baseUrl.trim(), accountSid: draft.accountSid.trim(), from: draft.from.trim(), idempotent: draft.idempotent, ...secret };
}

type Drafts = Record<Channel, Record<Role, Draft>>;
const roles: Role[] = ['primary', 'fallback'];
const channels: Channel[] = ['email', 'sms'];
const channelTitles: Record<Channel, ParseKeys<'settings'>> = { email: 'eMailSmtp', sms: 'textMessagesSmsOverHttp' };
const roleTitles: Record<Role, ParseKeys<'settings'>> = { primary: 'mainProvider', fallback: 'fallbackProviderUsedWhenThe' };

function ProviderFields(props: { channel: Channel; role: Role; draft: Draft; onChange: (draft: Draft) => void; errorAt: (path: string) => string | null }) {
  const { t } = useT('settings');
  const { channel, role, draft } = props;
  const id = `${channel}-${role}`;
  const set = (patch: Partial<Draft>) => props.onChange({ ...draft, ...patch });
  const path = `${channel}.${role}`;
  const field = (name: string, label: string, value: string, onValue: (value: string) => void, extra: { type?: string; help?: string } = {}) => {
    const error = props.errorAt(`${path}.${name}`);
    return (
      <label className={name === 'port' ? 'narrow' : undefined}>
        {label}
        <input type={extra.type ?? 'text'} value={value} autoComplete="off" onChange={(event) => onValue(event.target.value)} {...describedBy(`${id}-${name}-error`, error)} />
        <FieldError id={`${id}-${name}-error`} message={error} />
      </label>
    );
  };
  const secretLabel = channel === 'email' ? t('password') : t('token');
  return (
    <fieldset data-testid={`provider-${id}`}>
      <legend>{t(roleTitles[role])}</legend>
      <CheckField
        label={role === 'primary' ? (channel === 'email' ? t('sendEmailThroughAProvider') : t('sendTextsThroughAProvider')) : t('useAFallbackProvider')}
        checked={draft.on}
        onChange={(on) => set({ on })}
      />
      {draft.on ? (
        <>
          <div className="row">{field('name', t('nameShownOnEachMessage'), draft.name, (name) => set({ name }))}</div>
          {channel === 'email' ? (
            <div className="row">
              {field('host', t('serverHost'), draft.host, (host) => set({ host }))}
              {field('port', t('port'), draft.port, (port) => set({ port }), { type: 'number' })}
              <CheckField label={t('encryptedFromTheStartPort')} checked={draft.secure} onChange={(secure) => set({ secure })} />
            </div>
          ) : (
            <div className="row">{field('baseUrl', t('webAddressOfTheApi'), draft.baseUrl, (baseUrl) => set({ baseUrl }))}</div>
          )}
          <div className="row">
            {channel === 'email'
              ? field('user', t('userName'), draft.user, (user) => set({ user }))
              : field('accountSid', t('account'), draft.accountSid, (accountSid) => set({ accountSid }))}
            {draft.secret === null ? (
              <div className="secret-saved">
                <span className="label-text">{secretLabel}</span>
                <span className="badge tone-confirmed" data-testid={`${id}-secret-saved`}>
                  {t('saved')}
                </span>
                <button type="button" className="button small" onClick={() => set({ secret: '' })} aria-label={t(`replaceSecret.${role}.${channel}`, { secret: secretLabel.toLowerCase() })}>
                  {t('replace')}
                </button>
              </div>
            ) : (
              field('secret', secretLabel, draft.secret, (secret) => set({ secret }), { type: 'password' })
            )}
            {field('from', channel === 'email' ? t('fromEMailAddress') : t('fromNumberOrSenderName'), draft.from, (from) => set({ from }))}
          </div>
          {channel === 'sms' ? (
            <CheckField label={t('theProviderHonoursAnIdempotency')} checked={draft.idempotent} onChange={(idempotent) => set({ idempotent })} />
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

function TestMessage(props: { channel: Channel; saved: Saved; disabled: boolean }) {
  const { t } = useT('settings');
  const { channel } = props;
  const [to, setTo] = useState('');
  const [role, setRole] = useState<Role>('primary');
  const send = useMutation(trpc.messages.providers.sendTest.mutationOptions());
  const available = roles.filter((item) => props.saved[channel]?.[item] != null);
  const id = `test-${channel}`;
  const failure = send.error ? envelopeOf(send.error) : null;
  if (available.length === 0) return null;
  return (
    <SubmitForm
      className="test-message"
      noValidate
      onSubmit={() => {
        send.mutate({ channel, role, to });
      }}
    >
      <div className="row">
        <label>
          {channel === 'email' ? t('sendATestEMail') : t('sendATestTextTo')}
          <input id={`${id}-to`} value={to} onChange={(event) => setTo(event.target.value)} autoComplete="off" />
        </label>
        {available.length > 1 ? (
          <label className="narrow">
            {t('through')}
            <select value={role} onChange={(event) => setRole(event.target.value as Role)}>
              <option value="primary">{t('theMainProvider')}</option>
              <option value="fallback">{t('theFallbackProvider')}</option>
            </select>
          </label>
        ) : null}
        <button type="submit" className="button" disabled={props.disabled || to.trim() === '' || send.isPending}>
          {send.isPending ? t('sending') : t('sendATestMessage')}
        </button>
      </div>
      <div aria-live="polite" data-testid={`${id}-result`}>
        {send.data?.sent ? (
          <p className="notice notice-ok">
            {t('tookTheTestMessageFor', { provider: send.data.provider, to: send.data.to })}
          </p>
        ) : null}
        {send.data && !send.data.sent ? (
          <p className="notice notice-error">
            {t('theTestMessageToDid', { to: send.data.to, reason: send.data.reason })}
          </p>
        ) : null}
      </div>
      <ErrorNotice error={failure} onDismiss={() => send.reset()} />
    </SubmitForm>
  );
}

export function MessageProviders() {
  const { t } = useT('settings');
  const saved = useProviders();
  const locked = useWritesLocked();
  const isOwner = useIsOwner();
  const [drafts, setDrafts] = useState<Drafts | null>(null);
  const [error, setError] = useState<Envelope | null>(null);
  const [done, setDone] = useState(false);
  const save = useMutation(trpc.messages.providers.save.mutationOptions());
  useEffect(() => {
    if (saved.data) {
      const data = saved.data;
      setDrafts({
        email: { primary: draftOf(data, 'email', 'primary'), fallback: draftOf(data, 'email', 'fallback') },
        sms: { primary: draftOf(data, 'sms', 'primary'), fallback: draftOf(data, 'sms', 'fallback') },
      });
    }
  }, [saved.data]);
  if (saved.isError) return <ErrorNotice error={envelopeOf(saved.error)} />;
  if (!saved.data || !drafts) return null;
  const field = error?.code === 'VALIDATION_ERROR' && typeof error.details?.field === 'string' ? error.details.field : null;
  const errorAt = (path: string) => (field !== null && pathFallsUnder(field, path) ? (error?.message ?? null) : null);
  // Where the providers live (§20): on the shop server while this desk is paired.
  const onServer = saved.data.keptOn === 'server';
  const inline = field !== null && channels.some((channel) => roles.some((role) => pathFallsUnder(field, `${channel}.${role}`)));
  const chainOf = (channel: Channel) => {
    const { primary, fallback } = drafts[channel];
    return primary.on ? { primary: providerOf(channel, primary), fallback: fallback.on ? providerOf(channel, fallback) : null } : null;
  };
  return (
    <Panel titleId="providers-title" title={t('providers')} testId="message-providers">
      <p className="muted" data-testid="providers-kept-on">
        {onServer
          ? t('keptOnTheShopServer')
          : t('keptOnThisDeskPasswords')}
      </p>
      <SubmitForm
        className="form"
        noValidate
        onSubmit={() => {
          setError(null);
          setDone(false);
          save.mutate(
            { email: chainOf('email') as never, sms: chainOf('sms') as never },
            {
              onSuccess: () => {
                setDone(true);
                void queryClient.invalidateQueries({ queryKey: trpc.messages.providers.get.queryKey() });
              },
              onError: (caught) => setError(envelopeOf(caught)),
            },
          );
        }}
      >
        {channels.map((channel) => (
          <div key={channel} className="provider-channel">
            <h3>{t(channelTitles[channel])}</h3>
            {roles
              .filter((role) => role === 'primary' || drafts[channel].primary.on)
              .map((role) => (
                <ProviderFields
                  key={role}
                  channel={channel}
                  role={role}
                  draft={drafts[channel][role]}
                  errorAt={errorAt}
                  onChange={(draft) => setDrafts({ ...drafts, [channel]: { ...drafts[channel], [role]: draft } })}
                />
              ))}
          </div>
        ))}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={locked || !isOwner || save.isPending}>
            {save.isPending ? t('saving') : t('saveProviders')}
          </button>
          {done ? (
            <span className="muted" role="status">
              {onServer ? t('providersSavedOnTheShop') : t('providersSavedOnThisDesk')}
            </span>
          ) : null}
        </div>
      </SubmitForm>
      {inline ? null : <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      {saved.data.email !== null || saved.data.sms !== null ? <h3>{t('sendATestMessage')}</h3> : null}
      {channels.map((channel) => (
        <TestMessage key={channel} channel={channel} saved={saved.data} disabled={!isOwner} />
      ))}
    </Panel>
  );
}
