# Prepares a fresh Redmine database for tests: REST API on, CommonMark text, admin usable; prints the admin API key.
Setting.rest_api_enabled = '1'
Setting.text_formatting = 'common_mark'
admin = User.find_by_login('admin')
admin.must_change_passwd = false
admin.save!
# The key is created on first read; printed with a marker so Rails' own output cannot be mistaken for it.
puts "VIGIL_API_KEY=#{admin.api_key}"
