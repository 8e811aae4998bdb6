// Node-RED settings for the stock fan-out benchmark: headless (no editor), the flow file given on the command line,
// Node's crypto module for the function node's signature check, warnings only.
module.exports = {
    uiPort: parseInt(process.env.PORT || "1880", 10),
    uiHost: "127.0.0.1",
    httpAdminRoot: false,
    flowFilePretty: true,
    credentialSecret: false,
    functionExternalModules: false,
    functionGlobalContext: { crypto: require("crypto") },
    logging: { console: { level: "warn", metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
};
