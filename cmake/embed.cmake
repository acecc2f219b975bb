# phieu_embed(OUTPUT out.cc FUNCTION Name FILES a b ...)
# Generates a C++ source that defines `std::span<const phieu::EmbeddedFile> phieu::Name()`
# holding the bytes of each file (by base name), so data files ship inside the binary.
# The file is regenerated whenever one of the inputs changes.
set(PHIEU_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/embed_files.cmake")

function(phieu_embed)
  cmake_parse_arguments(ARG "" "OUTPUT;FUNCTION" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT "${ARG_OUTPUT}"
    COMMAND "${CMAKE_COMMAND}" -DOUTPUT=${ARG_OUTPUT} -DFUNCTION=${ARG_FUNCTION}
            "-DFILES=${ARG_FILES}" -P "${PHIEU_EMBED_SCRIPT}"
    DEPENDS ${ARG_FILES} "${PHIEU_EMBED_SCRIPT}"
    COMMENT "Embedding ${ARG_FUNCTION}"
    VERBATIM)
endfunction()
