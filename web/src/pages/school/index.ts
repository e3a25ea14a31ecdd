// A school's page: GET /api/schools/{urn} → { school: PublicSchool }, and its dated slots
// for 8 weeks from `from` (by default the first date the notice allows): GET /api/schools/{urn}/slots?from=&to= →
// { slots: SlotView[] }. Each slot links to the request form; so does "propose a time".
import type { PublicSchool, SlotView } from '#shared/api/provider.ts';
import { ApiError, api } from '../../lib/api.ts';
import { byId, fill, h, href, param, ready, safeUrl, setTitle, type Child } from '../../lib/dom.ts';
import { addDays, formatDate, formatDateShort, formatTimeRange, formatYears, isIsoDate, sessionTypeLabel, todayInLondon } from '../../lib/format.ts';
import { describeSchoolDay, notFound, summaryList, backToSearch } from '../../lib/school.ts';

const WEEKS = 8;

function slotItem(urn: string, slot: SlotView): HTMLElement {
  const full = slot.placesLeft <= 0;
  const when = `${formatDate(slot.date)}, ${formatTimeRange(slot.start, slot.end)}`;
  return h(
    'li',
    { class: 'app-result-list__item' },
    h('h3', { class: 'govuk-heading-s app-result-list__title' }, formatDate(slot.date)),
    h('p', { class: 'govuk-body app-result-list__meta' }, `${formatTimeRange(slot.start, slot.end)} · ${slot.title}`),
    h('p', { class: 'govuk-body-s app-result-list__meta' }, `${sessionTypeLabel(slot.sessionType)} for ${formatYears(slot.yearGroups)} · ${slot.venue}`),
    full
      ? h('p', { class: 'govuk-body-s' }, h('strong', { class: 'govuk-tag govuk-tag--grey' }, 'Full'))
      : h(
          'p',
          { class: 'govuk-body-s' },
          `${slot.placesLeft} of ${slot.capacity} ${slot.capacity === 1 ? 'place' : 'places'} left · `,
          h(
            'a',
            { class: 'govuk-link', href: href('/request/', { urn, opportunity: slot.opportunityId, date: slot.date }) },
            'Request this slot',
            h('span', { class: 'govuk-visually-hidden' }, `: ${slot.title}, ${when}`),
          ),
        ),
  );
}

async function renderSlots(school: PublicSchool, container: HTMLElement) {
  // R-NOTICE: the first date a request can name is today + the school's notice (at least
  // tomorrow); the last is the end of its booking window. Slots before that are not shown.
  const today = todayInLondon();
  const first = addDays(today, Math.max(1, school.minimumNoticeDays));
  const last = addDays(today, school.bookingWindowDays);
  const asked = param('from');
  const from = isIsoDate(asked) && asked > first && asked <= last ? asked : first;
  const toWanted = addDays(from, WEEKS * 7 - 1);
  const to = toWanted < last ? toWanted : last;
  fill(container, h('p', { class: 'govuk-body app-loading' }, 'Loading the dates…'));
  let slots: SlotView[];
  try {
    ({ slots } = await api<{ slots: SlotView[] }>('GET', href(`/api/schools/${encodeURIComponent(school.urn)}/slots`, { from, to })));
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    fill(container, h('p', { class: 'govuk-body' }, `We could not load the dates: ${err.message}`));
    return;
  }
  const sorted = [...slots].sort((a, b) => `${a.date}${a.start}`.localeCompare(`${b.date}${b.start}`));
  const pager: Child[] = [];
  if (from > first) {
    const earlier = addDays(from, -WEEKS * 7);
    pager.push(
      h('li', null, h('a', { class: 'govuk-link', href: href('/school/', { urn: school.urn, from: earlier > first ? earlier : undefined }) }, `Earlier dates`, h('span', { class: 'govuk-visually-hidden' }, ` (the ${WEEKS} weeks before ${formatDateShort(from)})`))),
    );
  }
  if (to < last) {
    pager.push(
      h('li', null, h('a', { class: 'govuk-link', href: href('/school/', { urn: school.urn, from: addDays(to, 1) }) }, `Later dates`, h('span', { class: 'govuk-visually-hidden' }, ` (from ${formatDateShort(addDays(to, 1))})`))),
    );
  }
  fill(
    container,
    h(
      'p',
      { class: 'govuk-body', id: 'slot-range' },
      from === first
        ? `The school needs at least ${school.minimumNoticeDays} days’ notice, so these are the dates from ${formatDateShort(from)} to ${formatDateShort(to)}.`
        : `Dates from ${formatDateShort(from)} to ${formatDateShort(to)}.`,
    ),
    sorted.length
      ? h('ul', { class: 'app-result-list', id: 'slot-list' }, sorted.map((s) => slotItem(school.urn, s)))
      : h('p', { class: 'govuk-body', id: 'no-slots' }, 'There are no published slots in these weeks. You can look at later dates, or propose a date and time.'),
    pager.length ? h('ul', { class: 'govuk-list' }, pager) : null,
  );
}

ready(async () => {
  const page = byId('page');
  const urn = param('urn');
  backToSearch();
  let school: PublicSchool;
  try {
    if (!/^\d{6,7}$/.test(urn)) throw new ApiError(404, { code: 'NOT_FOUND', message: 'No school has that URN.' });
    ({ school } = await api<{ school: PublicSchool }>('GET', `/api/schools/${encodeURIComponent(urn)}`));
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return notFound(page);
    throw err;
  }
  setTitle(school.name);

  const contact: Child[] = [
    h('span', { class: 'app-wrap' }, school.careersLead.name),
    h('br'),
    h('a', { class: 'govuk-link app-wrap', href: `mailto:${school.careersLead.email}` }, school.careersLead.email),
  ];
  if (school.careersLead.phone) contact.push(h('br'), school.careersLead.phone);

  const slotsContainer = h('div', { id: 'slots' });
  fill(
    page,
    h('span', { class: 'govuk-caption-l' }, school.trust ?? `URN ${school.urn}`),
    h('h1', { class: 'govuk-heading-l', id: 'page-heading' }, school.name),
    h('p', { class: 'govuk-body' }, `${school.address.street}, ${school.address.town}, ${school.address.postcode} · ${school.phase} · URN ${school.urn}`),
    school.acceptsRequests
      ? null
      : h(
          'div',
          { class: 'govuk-warning-text', id: 'no-provider-access' },
          h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
          h(
            'strong',
            { class: 'govuk-warning-text__text' },
            h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
            `This school takes no provider access requests. Provider access is for pupils in Years 8 to 13, and ${school.name} teaches none of these year groups.`,
          ),
        ),
    h('h2', { class: 'govuk-heading-m' }, 'Provider access at this school'),
    summaryList([
      ['Year groups', school.acceptsRequests ? formatYears(school.providerAccessYears) : 'None'],
      ['Notice needed', `At least ${school.minimumNoticeDays} days before the date`],
      ['Answer within', `${school.responseDeadlineSchoolDays} school days`],
      ['School day', describeSchoolDay(school.schoolDay)],
      ['Careers lead', contact],
      ['Policy statement', h('a', { class: 'govuk-link', href: safeUrl(school.statementUrl) }, 'Read the provider access policy statement', h('span', { class: 'govuk-visually-hidden' }, ` of ${school.name}`))],
    ]),
  );
  if (!school.acceptsRequests) return;

  page.append(
    h('h2', { class: 'govuk-heading-m' }, 'Opportunities'),
    school.opportunities.length
      ? h(
          'ul',
          { class: 'app-result-list' },
          school.opportunities.map((o) =>
            h(
              'li',
              { class: 'app-result-list__item' },
              h('h3', { class: 'govuk-heading-s app-result-list__title' }, o.title),
              h('p', { class: 'govuk-body-s app-result-list__meta' }, `${sessionTypeLabel(o.sessionType)} for ${formatYears(o.yearGroups)}`),
              h('p', { class: 'govuk-body-s app-result-list__meta' }, `${o.schedule} · ${o.venue} · ${o.capacity} ${o.capacity === 1 ? 'provider' : 'providers'} each time`),
            ),
          ),
        )
      : h('p', { class: 'govuk-body' }, 'The school has not published any regular opportunities. Propose a date and time that suits you.'),
    h('h2', { class: 'govuk-heading-m', id: 'dates' }, 'Available dates'),
    slotsContainer,
    h('h2', { class: 'govuk-heading-m' }, 'None of these dates suit you?'),
    h('p', { class: 'govuk-body' }, `You can ask for a date and time of your own during the school day, at least ${school.minimumNoticeDays} days from today.`),
    h('a', { class: 'govuk-button govuk-button--secondary', href: href('/request/', { urn: school.urn }), role: 'button', draggable: 'false', id: 'propose-link' }, 'Propose a different date and time'),
  );
  await renderSlots(school, slotsContainer);
});
