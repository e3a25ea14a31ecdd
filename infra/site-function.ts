// The CloudFront Function (viewer request) in front of the static site in S3. The build
// writes each page as <route>/index.html, and S3 behind origin access control has no
// directory indexes, so:
//   /school/            → /school/index.html
//   /school?urn=1       → 301 to /school/?urn=1 (the page's canonical address)
//   /assets/site.css    → unchanged
// A path starting with "//" is never redirected ("//evil.example" would be an open redirect).
// It runs on CloudFront's cloudfront-js-2.0 runtime: plain ES5-style JavaScript, no imports.

export const DIRECTORY_INDEX_FUNCTION = `
function queryString(qs) {
  var parts = [];
  for (var key in qs) {
    var entry = qs[key];
    var values = entry.multiValue ? entry.multiValue : [entry];
    for (var i = 0; i < values.length; i++) {
      parts.push(values[i].value === '' ? key : key + '=' + values[i].value);
    }
  }
  return parts.length ? '?' + parts.join('&') : '';
}

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1 && uri.indexOf('//') !== 0) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: {
        location: { value: uri + '/' + queryString(request.querystring) },
        'cache-control': { value: 'max-age=3600' }
      }
    };
  }
  return request;
}
`.trim();
