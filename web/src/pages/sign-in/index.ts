// Ask for a sign-in link: POST /api/auth/sign-in { email }. The answer is the same
// whether or not the address is known, so the page always says "check your email".
import { ApiError, api } from '../../lib/api.ts';
import { byId, ready, setTitle } from '../../lib/dom.ts';
import { clearErrors, showErrors } from '../../lib/errors.ts';

const TITLE = 'Get a link to see your requests';

ready(() => {
  const form = byId<HTMLFormElement>('sign-in-form');
  const summary = byId('error-summary');
  const button = byId<HTMLButtonElement>('send-link');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = byId<HTMLInputElement>('email').value.trim();
    if (!email) return showErrors(form, summary, [{ path: 'email', message: 'Enter your email address.' }], TITLE);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      return showErrors(form, summary, [{ path: 'email', message: 'Enter an email address in the right format, like name@college.ac.uk.' }], TITLE);
    button.disabled = true;
    try {
      await api('POST', '/api/auth/sign-in', { body: { email } });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      showErrors(form, summary, err.shownErrors(), TITLE);
      return;
    } finally {
      button.disabled = false;
    }
    clearErrors(form, summary);
    byId('sent-text').textContent = `We have sent a link to ${email}.`;
    byId('ask').hidden = true;
    byId('sent').hidden = false;
    setTitle('Check your email');
    byId('sent-heading').focus();
  });
});
