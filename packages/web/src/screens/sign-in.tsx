import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useSignIn } from '../api/use-session.ts';

export function SignIn() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };
  const error = signIn.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? t('signIn.invalid')
      : error
        ? t('errors.generic', { detail: error.message })
        : null;
  return (
    <main className="sign-in">
      <form onSubmit={onSubmit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <label>
          {t('signIn.email')}
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </label>
        <label>
          {t('signIn.password')}
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {message && (
          <p role="alert" className="form-error">
            {message}
          </p>
        )}
        <button type="submit" disabled={signIn.isPending}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
