package request

import (
	"fmt"
	"strings"

	"districtstats/figure"
)

// Lists an error can point to; each surface links them its own way (a page
// to /indicators, the API to /api/v1/indicators).
const (
	ListIndicators = "indicators"
	ListRegions    = "regions"
	ListTopics     = "topics"
	ListTransforms = "transforms"
)

// Error is a bad parameter: which, the value given, and what is allowed, in
// both languages. It is always the user's to fix (a 400, a usage error).
type Error struct {
	Param, Value string
	Zh, En       string   // what the parameter allows
	List         string   // the list of allowed values it points to, if any
	Unknown      bool     // the surface does not take this parameter at all
	Suggest      string   // for an unknown parameter: the one probably meant
	Allowed      []string // for an unknown parameter: what the surface takes
}

func (e *Error) Error() string { return e.Message(figure.En) }

// Message says what is wrong in lang, naming the parameter and its value.
func (e *Error) Message(lang figure.Lang) string {
	if e.Unknown {
		if lang == figure.En {
			m := fmt.Sprintf("unknown parameter %s=", e.Param)
			if e.Suggest != "" {
				m += fmt.Sprintf(": did you mean %s=?", e.Suggest)
			}
			return m + " (this address takes " + strings.Join(e.Allowed, "=, ") + "=)"
		}
		m := fmt.Sprintf("未知参数 %s=", e.Param)
		if e.Suggest != "" {
			m += fmt.Sprintf("：是否应为 %s=？", e.Suggest)
		}
		return m + "（本地址可用参数：" + strings.Join(e.Allowed, "=、") + "=）"
	}
	if lang == figure.En {
		return fmt.Sprintf("parameter %s=%q is not valid: %s", e.Param, e.Value, e.En)
	}
	return fmt.Sprintf("参数 %s=%q 无效，应为：%s", e.Param, e.Value, e.Zh)
}

// Field is the form field the error belongs beside: region= and regions=
// are one field.
func (e *Error) Field() string {
	if e.Param == Region {
		return Regions
	}
	return e.Param
}
