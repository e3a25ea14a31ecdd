// /requests/move/?id=: the provider asks to move an approved visit to another time, with a
// reason (issue 14, item 5; the form is lib/new-time.ts). POST /api/requests/{id}/move.
import { ready } from '../../../lib/dom.ts';
import { newTimePage } from '../../../lib/new-time.ts';

ready(() => newTimePage('move'));
