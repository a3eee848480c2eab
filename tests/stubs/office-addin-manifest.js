// Stand-in for office-addin-manifest under jest (see shared/spec/hosts.md): office-addin-mock uses only this enum.
exports.OfficeApp = {
  Excel: 'excel',
  OneNote: 'onenote',
  Outlook: 'outlook',
  PowerPoint: 'powerpoint',
  Project: 'project',
  Word: 'word',
};
