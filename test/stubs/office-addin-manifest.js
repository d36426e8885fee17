// Minimal stand-in for office-addin-manifest, which office-addin-mock imports only for OfficeApp.
module.exports = {
  OfficeApp: {
    Excel: "Excel",
    Word: "Word",
    PowerPoint: "PowerPoint",
    Outlook: "Outlook",
    OneNote: "OneNote",
    Project: "Project",
  },
};
