// An Emscripten JS library linked with the module (CMakeLists.txt,
// --js-library). Embind's start-up registers every builtin C++ type and so
// pulls each one's JS converter into the glue; this module passes only
// integers and bools across (strings travel through linear memory, see
// embind.cpp), so the converters for std::string, std::wstring, emval
// handles, floats and typed-array views are replaced with no-ops: 1.5 KB
// gzip less glue. A binding that used one of these types would still load:
// it fails at the first call of a function using it, with Embind's "Cannot
// call X due to unbound types: ..." error, never silently.
mergeInto(LibraryManager.library, {
  _embind_register_std_string: function() {},
  _embind_register_std_wstring: function() {},
  _embind_register_emval: function() {},
  _embind_register_memory_view: function() {},
  _embind_register_float: function() {},
});
