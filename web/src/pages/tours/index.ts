// The signed-in provider's visit tours (issue 15, item 5), and their organisation's: GET
// /api/tours, newest first, each a link to its page, where the schools' answers show.
import type { ToursView } from '#shared/api/tours.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, ready } from '../../lib/dom.ts';
import { formatDateShort, formatWhen, listWithAnd } from '../../lib/format.ts';
import { signInNeeded } from '../../lib/request.ts';
import { showSignedIn } from '../../lib/signed-in.ts';

ready(async () => {
  let tours: ToursView['tours'];
  try {
    ({ tours } = await api<ToursView>('GET', '/api/tours'));
    showSignedIn();
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return signInNeeded(byId('page'), 'Sign in to see your visit tours');
    throw err;
  }
  byId('loading').hidden = true;
  fill(
    byId('tours'),
    tours.length
      ? h(
          'ul',
          { class: 'govuk-list govuk-list--spaced', id: 'tour-list' },
          tours.map((t) => {
            const dates = t.stops.map((s) => s.date).sort();
            return h(
              'li',
              null,
              h('a', { class: 'govuk-link', href: href('/tours/view/', { id: t.id }) }, `${t.stops.length} schools, ${formatDateShort(dates[0] ?? '')} to ${formatDateShort(dates[dates.length - 1] ?? '')}`),
              h('br'),
              h('span', { class: 'govuk-hint' }, `${listWithAnd(t.stops.map((s) => s.schoolName))}. Sent ${formatWhen(t.createdAt)} by ${t.createdBy}.`),
            );
          }),
        )
      : h('p', { class: 'govuk-body', id: 'no-tours' }, 'You have not sent a visit tour yet.'),
  );
});
