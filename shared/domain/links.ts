// Paths on the site that links lead to, the same for the emails that send them and the
// functions that redirect to them.

/** A careers lead's approve / decline / propose link: the page at /actions/ reads the token from the fragment (issue 12, item 3). */
export function actionLinkPath(token: string): string {
  return `/actions/#token=${encodeURIComponent(token)}`;
}
