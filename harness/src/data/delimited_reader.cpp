#include "data/delimited_reader.h"

#include "data/data_error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace harness::data {
namespace {

// Explains a failed open: the path as given and what it resolved to, since
// relative paths are resolved against the working directory.
[[noreturn]] void throw_unreadable(const std::string& path, int error) {
  namespace fs = std::filesystem;
  std::error_code ignored;
  std::string where = fs::path(path).is_absolute()
                          ? std::string()
                          : " (relative to the working directory " +
                                fs::current_path(ignored).string() + ")";
  throw DataError(path, 0,
                  "cannot read data file " + quote(path) + where + ": " +
                      std::strerror(error));
}

std::string read_whole_file(const std::string& path) {
  std::error_code status_error;
  if (std::filesystem::is_directory(path, status_error)) {
    throw_unreadable(path, EISDIR);
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw_unreadable(path, errno);
  std::string text(static_cast<std::size_t>(in.tellg()), '\0');
  in.seekg(0);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (!in) throw_unreadable(path, errno);
  return text;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

std::string quote(std::string_view value) {
  return "\"" + std::string(value) + "\"";
}

DelimitedReader::DelimitedReader(const std::string& path, std::string delimiter,
                                 bool quoting)
    : path_(path),
      delimiter_(std::move(delimiter)),
      quoting_(quoting),
      text_(read_whole_file(path)) {
  // Skip a UTF-8 byte order mark, which spreadsheet exports often add.
  if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
  bool blank = true;
  for (std::size_t i = pos_; i < text_.size() && blank; ++i) {
    blank = is_blank(text_[i]) || text_[i] == '\n';
  }
  if (blank) {
    throw DataError(path_, 0,
                    "file is empty; expected a header row and data rows");
  }
}

bool DelimitedReader::at_delimiter(std::size_t pos) const {
  if (delimiter_.size() == 1) return text_[pos] == delimiter_[0];
  return text_.compare(pos, delimiter_.size(), delimiter_) == 0;
}

std::string_view DelimitedReader::read_plain_field() {
  std::size_t begin = pos_;
  while (pos_ < text_.size() && text_[pos_] != '\n' && !at_delimiter(pos_)) {
    ++pos_;
  }
  std::size_t end = pos_;
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_.data() + begin, end - begin);
}

std::string_view DelimitedReader::read_quoted_field() {
  // The content is unescaped in place: writing never overtakes reading.
  long opening_line = next_line_;
  ++pos_;
  std::size_t begin = pos_;
  std::size_t write = pos_;
  while (true) {
    if (pos_ >= text_.size()) {
      throw DataError(path_, opening_line,
                      "quoted field is not closed before the end of the "
                      "file; add the closing \"");
    }
    char c = text_[pos_];
    if (c == '"') {
      if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        text_[write++] = '"';
        pos_ += 2;
        continue;
      }
      ++pos_;
      break;
    }
    if (c == '\n') ++next_line_;
    text_[write++] = c;
    ++pos_;
  }
  std::string_view content(text_.data() + begin, write - begin);
  // Text between the closing quote and the next delimiter is tolerated
  // only when it is blank.
  while (pos_ < text_.size() && text_[pos_] != '\n' && !at_delimiter(pos_)) {
    if (!is_blank(text_[pos_])) {
      throw DataError(path_, next_line_,
                      "unexpected text after the closing quote of field " +
                          quote(content) + "; quote the whole field");
    }
    ++pos_;
  }
  return content;
}

bool DelimitedReader::next(std::vector<std::string_view>* fields) {
  fields->clear();

  // Skip blank lines, such as the empty line after a final newline.
  while (pos_ < text_.size()) {
    std::size_t end = pos_;
    while (end < text_.size() && is_blank(text_[end])) ++end;
    if (end < text_.size() && text_[end] != '\n') break;
    pos_ = end < text_.size() ? end + 1 : end;
    ++next_line_;
  }
  if (pos_ >= text_.size()) return false;

  record_line_ = next_line_;
  record_begin_ = pos_;
  while (true) {
    bool quoted = quoting_ && text_[pos_] == '"';
    fields->push_back(quoted ? read_quoted_field() : read_plain_field());
    if (pos_ >= text_.size()) break;
    if (text_[pos_] == '\n') {
      ++pos_;
      ++next_line_;
      break;
    }
    pos_ += delimiter_.size();
    if (pos_ >= text_.size()) {
      fields->emplace_back();
      break;
    }
  }
  record_end_ = pos_;
  return true;
}

std::size_t DelimitedReader::count_lines() const {
  return static_cast<std::size_t>(
      std::count(text_.begin() + pos_, text_.end(), '\n') + 1);
}

std::string DelimitedReader::record_excerpt() const {
  constexpr std::size_t kMaxExcerpt = 200;
  std::string_view record(text_.data() + record_begin_,
                          record_end_ - record_begin_);
  while (!record.empty() && (record.back() == '\n' || record.back() == '\r')) {
    record.remove_suffix(1);
  }
  // Tabs are spelled out so that a message shows where the fields split.
  std::string excerpt;
  for (char c : record.substr(0, kMaxExcerpt)) {
    if (c == '\t') {
      excerpt += "\\t";
    } else {
      excerpt += c;
    }
  }
  if (record.size() > kMaxExcerpt) excerpt += "...";
  return excerpt;
}

}  // namespace harness::data
