// A school's private calendar feed: a secret address staff rotate, shown once when made.

/** POST /api/manage/schools/{urn}/calendar-feed: the new address, shown this once. */
export interface CalendarFeedAnswer {
  url: string;
  createdAt: string;
  message: string;
}
