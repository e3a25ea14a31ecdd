// /requests/counter/?id=: the provider answers the school's proposed time with another
// (issue 14, item 5; the form is lib/new-time.ts). POST /api/requests/{id}/counter.
import { ready } from '../../../lib/dom.ts';
import { newTimePage } from '../../../lib/new-time.ts';

ready(() => newTimePage('counter'));
