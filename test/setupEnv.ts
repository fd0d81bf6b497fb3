// The SDK's notice that releases from 2027 need Node 22 is for operators; it only clutters test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
