// Files the editor uploads (materials' slides and minutes): safe names, and the path a meeting
// writes for one. Pure functions without the browser, so Node tests run them
// (tests/test_cms_files.py); netvaerk-cms.js applies them in the editor.

// Danish letters written out as Danes do without them; any other accent is dropped.
const DANISH = { æ: "ae", ø: "oe", å: "aa", Æ: "ae", Ø: "oe", Å: "aa" };

function clean(text) {
  return text
    .replace(/[æøåÆØÅ]/g, (letter) => DANISH[letter])
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// »Referat fra mødet på Ærø.PDF« → »referat-fra-moedet-paa-aeroe.pdf«: letters, digits and
// hyphens in lower case, so the name works in any web address and on any disk. Sveltia's own
// slug option would make »ø« an »o« (it transliterates only with a locale it is not given).
export function safeFileName(name) {
  const dot = name.lastIndexOf(".");
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, ""];
  const safe = clean(stem) || "fil";
  const ending = clean(extension);
  return ending ? `${safe}.${ending}` : safe;
}

// What the media library copies for an uploaded file, as the data files write it: its »Filsti«
// (/docs/materialer/x.pdf) and its »Offentlig URL« on this site (https://site/materialer/x.pdf)
// both become materialer/x.pdf, a file `make check` finds in the repository. Any other address
// is left as it is.
export function materialPath(url, siteUrl = "") {
  const text = String(url).trim();
  const file = /^\/?docs\/(materialer\/\S.*)$/.exec(text);
  if (file) return file[1];
  const site = siteUrl.replace(/\/?$/, "/");
  if (siteUrl && text.startsWith(`${site}materialer/`)) return text.slice(site.length);
  return url;
}

// The form's data with every meeting's materials written as materialPath says.
export function withMaterialPaths(data, siteUrl = "") {
  if (!data || !Array.isArray(data.meetings)) return data;
  const meetings = data.meetings.map((meeting) =>
    meeting && Array.isArray(meeting.materials)
      ? {
          ...meeting,
          materials: meeting.materials.map((item) =>
            item && typeof item.url === "string" ? { ...item, url: materialPath(item.url, siteUrl) } : item,
          ),
        }
      : meeting,
  );
  return { ...data, meetings };
}

// The name Sveltia gives a new news item's file from its title (the collection's slug
// `{{slug}}` with the site's slug options: ASCII, accents cleaned, editing/cms.py), as its
// slugify does it without a locale: æ → ae, ø → o, å → a, any other accent dropped, anything
// but letters, digits, _, - and ~ a hyphen, in lower case. Used only for the words of the
// link check's messages (»læses fra siden /nyheder/<navn>/«) before the file exists: a link's
// verdict does not depend on the name, as every news item is in the same folder.
const SVELTIA_LETTERS = { æ: "ae", Æ: "AE", ø: "o", Ø: "O", ß: "ss" };
export function newsSlug(title) {
  return String(title)
    .replace(/[æÆøØß]/g, (letter) => SVELTIA_LETTERS[letter])
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w\-~]/g, " ")
    .trim()
    .replace(/\s+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
}
