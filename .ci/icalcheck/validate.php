<?php
// SPDX-License-Identifier: AGPL-3.0-or-later
//
// validate.php: checks an iCalendar file with sabre/vobject (Debian's
// php-sabre-vobject), the library under Nextcloud, ownCloud and Baikal.
//
//   php -d include_path=.:/usr/share/php validate.php FILE
//
// sabre's line parser is the strictest of the five about stray CRs. On top
// of its parse errors and its own validate() it checks CRLF line ends,
// control characters in values, UID/DTSTAMP/DTSTART per VEVENT, a VTIMEZONE
// for every TZID, DTEND after DTSTART and the STATUS value. Exits 1 when
// there is any problem.

require 'Sabre/VObject/autoload.php';

use Sabre\VObject;

if ($argc !== 2) {
    fwrite(STDERR, "usage: php validate.php FILE\n");
    exit(2);
}
date_default_timezone_set('UTC');
$errors = [];
$problem = function ($msg) use (&$errors) { $errors[] = $msg; };

$data = file_get_contents($argv[1]);
if ($data === false) {
    fwrite(STDERR, "cannot read {$argv[1]}\n");
    exit(2);
}
if (!mb_check_encoding($data, 'UTF-8')) {
    $problem('not valid UTF-8');
}
if (preg_match_all('/\r(?!\n)|(?<!\r)\n/', $data, $m, PREG_OFFSET_CAPTURE)) {
    foreach ($m[0] as [$what, $at]) {
        $line = substr_count($data, "\n", 0, $at) + 1;
        $problem("line $line: " . ($what === "\r" ? 'bare CR' : 'LF without CR'));
    }
}
if (substr($data, -2) !== "\r\n") {
    $problem('the file does not end with CRLF');
}

// Controls other than TAB and LF (an unescaped \n), DEL and C1.
$control = '/[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]/';
$statuses = ['TENTATIVE', 'CONFIRMED', 'CANCELLED'];
// sabre 2.1 predates RFC 7986 and flags every VCALENDAR property but four;
// these are the ones a feed is meant to carry.
$calendarProps = ['NAME', 'DESCRIPTION', 'URL', 'REFRESH-INTERVAL', 'COLOR', 'SOURCE', 'LAST-MODIFIED', 'IMAGE'];

$events = 0;
try {
    $cal = VObject\Reader::read($data);
} catch (Exception $e) {
    $problem('sabre/vobject cannot parse the file: ' . $e->getMessage());
    $cal = null;
}

if ($cal !== null) {
    if ($cal->name !== 'VCALENDAR') {
        $problem("top component is {$cal->name}");
    }
    foreach ($cal->validate() as $w) {
        if (preg_match('/^The (\S+) property is not allowed in the VCALENDAR component$/', $w['message'], $mm) &&
            (in_array($mm[1], $calendarProps, true) || strncmp($mm[1], 'X-', 2) === 0)) {
            continue;
        }
        $problem("validate(): {$w['message']}");
    }

    $zones = [];
    foreach ($cal->select('VTIMEZONE') as $vtz) {
        $tzid = (string)$vtz->TZID;
        if ($tzid === '') {
            $problem('VTIMEZONE without TZID');
            continue;
        }
        if (isset($zones[$tzid])) {
            $problem("two VTIMEZONEs for $tzid");
        }
        if (count($vtz->select('STANDARD')) + count($vtz->select('DAYLIGHT')) === 0) {
            $problem("VTIMEZONE $tzid has no STANDARD or DAYLIGHT");
        }
        $zones[$tzid] = true;
    }

    $checkProps = function ($comp, $where) use (&$zones, $problem, $control) {
        foreach ($comp->children as $prop) {
            if (!($prop instanceof VObject\Property)) {
                continue;
            }
            $tz = $prop['TZID'];
            if ($tz !== null && !isset($zones[(string)$tz])) {
                $problem("$where {$prop->name}: TZID=$tz has no VTIMEZONE");
            }
            foreach ($prop->parameters as $param) {
                if (preg_match($control, (string)$param->value)) {
                    $problem("$where {$prop->name}: control character in parameter {$param->name}");
                }
            }
            if (preg_match($control, (string)$prop->value)) {
                $problem("$where {$prop->name}: control character in the value");
            }
        }
    };
    $checkProps($cal, 'VCALENDAR');

    foreach ($cal->select('VEVENT') as $ev) {
        $events++;
        $uid = isset($ev->UID) ? (string)$ev->UID : 'no UID';
        $where = "VEVENT $events ($uid)";
        foreach (['UID', 'DTSTAMP', 'DTSTART'] as $name) {
            $n = count($ev->select($name));
            if ($n !== 1) {
                $problem("$where: $n $name, want 1");
            }
        }
        $checkProps($ev, $where);
        if (isset($ev->STATUS) && !in_array((string)$ev->STATUS, $statuses, true)) {
            $problem("$where: STATUS {$ev->STATUS} is not TENTATIVE, CONFIRMED or CANCELLED");
        }
        if (!isset($ev->DTSTART)) {
            continue;
        }
        try {
            $start = $ev->DTSTART->getDateTime();
            $end = isset($ev->DTEND) ? $ev->DTEND->getDateTime() : null;
        } catch (Exception $e) {
            $problem("$where: DTSTART or DTEND cannot be read: " . $e->getMessage());
            continue;
        }
        if ($end !== null && $end->getTimestamp() <= $start->getTimestamp()) {
            $problem("$where: DTEND {$ev->DTEND} is not after DTSTART {$ev->DTSTART}");
        }
        printf("ok %s | %s | %s -> %s | %s\n", $uid, isset($ev->SUMMARY) ? $ev->SUMMARY : '',
            $start->format(DATE_ATOM), $end ? $end->format(DATE_ATOM) : '', isset($ev->STATUS) ? $ev->STATUS : '');
    }
}

foreach ($errors as $e) {
    echo "ERROR $e\n";
}
echo "$events VEVENT, " . count($errors) . " error(s)\n";
exit($errors ? 1 : 0);
