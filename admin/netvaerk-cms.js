// Starts the browser editor at /admin/ (index.html sets CMS_MANUAL_INIT, so Sveltia waits for
// this module): the data files are read and written by the site's own YAML format, which
// keeps their comments and layout (netvaerk-yaml.js). The forms themselves are configured in
// config.yml, generated from the data model by hooks/netvaerk/editing/cms.py.
import { createFormat } from "./netvaerk-yaml.js";

// Once logged in with GitHub, Sveltia asks GitHub's status page (a third party, Atlassian
// Statuspage) whether GitHub is up. The site asks no third party for anything: the answer
// "no known problems" is given here, and a real outage still shows as failing requests to
// GitHub itself.
const STATUS_PAGE = "https://www.githubstatus.com/";
const fetchFromNetwork = window.fetch.bind(window);
window.fetch = (resource, options) => {
  const url = resource instanceof Request ? resource.url : String(resource);
  if (url.startsWith(STATUS_PAGE)) {
    const body = JSON.stringify({ status: { indicator: "none" }, components: [] });
    return Promise.resolve(new Response(body, { headers: { "Content-Type": "application/json" } }));
  }
  return fetchFromNetwork(resource, options);
};

const order = JSON.parse(document.getElementById("netvaerk-field-order").textContent);
window.CMS.registerCustomFormat("netvaerk-yaml", "yaml", createFormat(order));
window.CMS.init();
