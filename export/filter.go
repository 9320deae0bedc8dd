package export

import "strings"

// FormatOf guesses a format from a file name's extension.
func FormatOf(path string) (Format, bool) {
	switch {
	case strings.HasSuffix(path, ".csv"):
		return CSV, true
	case strings.HasSuffix(path, ".xlsx"):
		return XLSX, true
	case strings.HasSuffix(path, ".json"):
		return JSON, true
	case strings.HasSuffix(path, ".parquet"):
		return Parquet, true
	}
	return "", false
}
