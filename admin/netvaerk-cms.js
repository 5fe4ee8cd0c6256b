// Starts the browser editor at /admin/ (index.html sets CMS_MANUAL_INIT, so Decap waits for
// this module): the data files are read and written by the site's own YAML format, which
// keeps their comments and layout (netvaerk-yaml.js). The forms themselves are configured in
// config.yml, generated from the data model by hooks/netvaerk/editing/cms.py.
import { createFormat } from "./netvaerk-yaml.js";

const order = JSON.parse(document.getElementById("netvaerk-field-order").textContent);
window.CMS.registerCustomFormat("netvaerk-yaml", "yaml", createFormat(order));
window.CMS.init();
